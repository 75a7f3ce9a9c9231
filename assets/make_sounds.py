"""Writes the kiosk's short verdict tones into assets/sounds as 16-bit mono WAV files."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
SOUNDS_DIR = Path(__file__).resolve().parent / "sounds"

# name -> list of (frequency Hz, duration s); 0 Hz is a pause.
TONES: dict[str, list[tuple[float, float]]] = {
    "welcome": [(659.25, 0.11), (0, 0.02), (987.77, 0.22)],  # E5 then B5: a bright chime
    "refused": [(392.0, 0.16), (0, 0.05), (311.13, 0.28)],  # G4 then Eb4: a gentle low pair
    "trouble": [(523.25, 0.14), (0, 0.08), (523.25, 0.14)],  # C5 twice: attention, not alarm
}


def _note(freq: float, seconds: float, volume: float = 0.45) -> list[int]:
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.012))
    samples = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        value = 0.0
        if freq > 0:
            t = i / RATE
            # a soft bell: the fundamental plus a quiet octave, decaying
            value = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            value *= math.exp(-3.0 * t / max(seconds, 1e-3)) / 1.25
        samples.append(int(32767 * volume * envelope * value))
    return samples


def write_tone(name: str, notes: list[tuple[float, float]], directory: Path = SOUNDS_DIR) -> Path:
    """Renders one tone sequence to ``<directory>/<name>.wav`` and returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    samples: list[int] = []
    for freq, seconds in notes:
        samples.extend(_note(freq, seconds))
    path = directory / f"{name}.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def main() -> None:
    for name, notes in TONES.items():
        path = write_tone(name, notes)
        print(f"wrote {path.name} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
