"""Calls between the hall and the towns: messages, the call state machine, presence, the hub-side service."""
