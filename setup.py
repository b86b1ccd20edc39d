# For tooling that predates PEP 517 builds (old pip, old bench): pyproject.toml stays the single source.
import re
from pathlib import Path

from setuptools import find_packages, setup

try:
	import tomllib
except ImportError:  # Python 3.10
	import tomli as tomllib

HERE = Path(__file__).parent
PROJECT = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = re.search(r'__version__ = "([^"]+)"', (HERE / "mynumber_card" / "__init__.py").read_text())[1]

setup(
	name=PROJECT["name"],
	version=VERSION,
	description=PROJECT["description"],
	packages=find_packages(exclude=["tests", "tests.*"]),
	include_package_data=True,
	zip_safe=False,
	python_requires=PROJECT["requires-python"],
	install_requires=PROJECT["dependencies"],
	extras_require=PROJECT["optional-dependencies"],
)
