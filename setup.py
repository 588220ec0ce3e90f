"""Installer for the eakte package: the e-Akte (electronic records) for Plone 6.2."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = Path("README.md").read_text(encoding="utf-8")

setup(
    name="eakte",
    version="1.0.0.dev0",
    description="e-Akte: electronic records management for German city administrations on Plone 6.2",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Python Plone CMS e-Akte records-management xdomea",
    license="GPL version 2",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone",
        "plone.api",
        "plone.restapi",
        "plone.distribution",
        "plone.classicui",
        "RelStorage[postgresql,sqlite3]",
        "psycopg2",
        "openpyxl",
        "python-magic",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "pytest",
            "pytest-plone",
            "pytest-postgresql",
            "requests",
            "zc.buildout",
            "plone.recipe.zope2instance",
            "playwright",
            "aiosmtpd",
            "hypothesis",
        ],
    },
    entry_points="""
    [z3c.autoinclude.plugin]
    target = plone
    """,
)
