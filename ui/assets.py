"""Shipped files for the interface: the one lookup in ``reports.assets``
(``ui`` may import ``reports``, never the other way round)."""

from reports.assets import asset_path, assets_root, is_frozen

__all__ = ["asset_path", "assets_root", "is_frozen"]
