"""Short generated audio and captions for the demo and the tests (nothing is downloaded).

``tone_wav`` writes a few seconds of a soft sine tone as 16-bit mono WAV with Python's wave
module; ``webvtt`` writes a WebVTT captions file from (start, end, text) cues.
"""

import io
import math
import struct
import wave

SAMPLE_RATE = 8000


def tone_wav(seconds=3.0, frequency=440.0, volume=0.2):
    """WAV bytes: ``seconds`` of a sine tone at ``frequency`` Hz with short fades."""
    frames = int(seconds * SAMPLE_RATE)
    fade = SAMPLE_RATE // 20
    samples = bytearray()
    for n in range(frames):
        envelope = min(1.0, n / fade, (frames - n) / fade)
        value = volume * envelope * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE)
        samples += struct.pack("<h", int(value * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def _timestamp(seconds):
    minutes, seconds = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{seconds:06.3f}"


def webvtt(cues):
    """WebVTT text from ``(start_seconds, end_seconds, text)`` cues."""
    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{_timestamp(start)} --> {_timestamp(end)}", text, ""]
    return "\n".join(lines)
