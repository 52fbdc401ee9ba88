"""Video capture: sources by URL, one reader thread per stream, newest-frame mailboxes, stream health."""

from media.capture.health import HealthConfig, StreamState
from media.capture.sources import SourceError, open_source, parse_url
from media.capture.stream import CaptureStream, fit_size, fits_cropped, scaled_size

__all__ = ["CaptureStream", "HealthConfig", "SourceError", "StreamState", "fit_size", "fits_cropped", "scaled_size", "open_source", "parse_url"]
