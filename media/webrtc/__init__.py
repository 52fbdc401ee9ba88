"""WebRTC calls between the hall and a town: aiortc peers, outgoing sources, stats, reconnection."""
