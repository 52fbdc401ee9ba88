"""Generates ui/sounds/alarm.wav: our own two-tone alarm (no third-party recording).

A 1.2 s cycle: two 880/660 Hz tones with soft attack/release (no clicks when it loops), then a
short pause. 16-bit mono, 44.1 kHz (every sound card plays it without resampling), about 105 KB. Run: .venv/bin/python scripts/make_alarm_sound.py
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 44100
OUT = Path(__file__).resolve().parent.parent / "ui" / "sounds" / "alarm.wav"


def tone(freq: float, seconds: float, volume: float = 0.6) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    # A little third harmonic makes it cut through room noise without being shrill.
    wave_ = np.sin(2 * np.pi * freq * t) + 0.25 * np.sin(2 * np.pi * 3 * freq * t)
    ramp = min(len(t) // 10, int(RATE * 0.015))
    envelope = np.ones_like(t)
    envelope[:ramp] = np.linspace(0, 1, ramp)
    envelope[-ramp:] = np.linspace(1, 0, ramp)
    return volume * wave_ / 1.25 * envelope


def main() -> None:
    silence = np.zeros(int(RATE * 0.08))
    cycle = np.concatenate([tone(880, 0.25), silence, tone(660, 0.25), silence,
                            tone(880, 0.25), np.zeros(int(RATE * 0.29))])
    pcm = (np.clip(cycle, -1, 1) * 32767).astype("<i2")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
