"""intercity: an open platform for the international action of local governments."""

__version__ = "0.1.0"
