"""Closed value sets of the fop grammar (avthumb, HLS, watermark, vframe, vsample, avconcat)."""

from __future__ import annotations

from enum import StrEnum


class Rotate(StrEnum):
    """Clockwise rotation; ``auto`` follows the source's rotation metadata."""

    R90 = "90"
    R180 = "180"
    R270 = "270"
    AUTO = "auto"


class Gravity(StrEnum):
    """Anchor of a watermark in the frame."""

    NORTH_WEST = "NorthWest"
    NORTH = "North"
    NORTH_EAST = "NorthEast"
    WEST = "West"
    CENTER = "Center"
    EAST = "East"
    SOUTH_WEST = "SouthWest"
    SOUTH = "South"
    SOUTH_EAST = "SouthEast"


class ImageFormat(StrEnum):
    """Picture formats vframe and vsample can write."""

    JPG = "jpg"
    PNG = "png"


class ConcatMode(StrEnum):
    """avconcat: 1 = join without re-encoding, 2 = re-encode."""

    REMUX = "1"
    REENCODE = "2"
