"""Figures for leadership and shift supervisors: dashboard aggregates, shift handover data, exports.

Core code: no Qt. Every function takes a SQLAlchemy Connection so the hub's reader thread (or a
test against a real store) can call it directly.
"""
