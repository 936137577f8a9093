"""Build step: the package gets the repository's one metadata.yml (a source checkout reads it in place)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "blogarchive" / "metadata.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Path(__file__).with_name("metadata.yml").read_bytes())


setup(cmdclass={"build_py": BuildPy})
