"""Which packages the distribution holds; the metadata is in pyproject.toml.

The checkout keeps its data folders at the top (ontology/, data/, queries/, rules/), where people
edit them. The wheel ships each of them inside the package as kg/share/FOLDER, by mapping a
package name to the folder (package_dir), so an installed kg finds them next to its code
(kg.config) and an editable install reads the checkout's own folders. pyproject.toml's
package-data says which files of each folder go in. Folders of data files count as (namespace)
packages, so that setuptools knows they are meant to ship.
"""
from setuptools import find_namespace_packages, setup

SHARED = {f"kg.share.{folder}": folder for folder in ("ontology", "data", "queries", "rules")}
PACKAGES = find_namespace_packages("src", include=["kg", "kg.*"])
for package, folder in SHARED.items():
    PACKAGES += [package] + [f"{package}.{sub}" for sub in find_namespace_packages(folder)]

setup(packages=PACKAGES, package_dir={"": "src", **SHARED})
