"""A realistic, deterministic demo ward or province (``python app.py demo``)."""

from .generator import SCALES, Scale, build_demo

__all__ = ["SCALES", "Scale", "build_demo"]
