"""Audio for the test peer: a sine source track and a recorder with FFT analysis."""

import asyncio
import fractions
import logging
import math
import time
import wave
from typing import Optional, Tuple

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

log = logging.getLogger("peer.audio")

RATE = 48000
FRAME = 960  # 20 ms at 48 kHz


class ToneTrack(MediaStreamTrack):
    """20 ms frames of a sine at `freq` Hz (silence if freq is 0 or muted)."""

    kind = "audio"

    def __init__(self, freq: float, level_dbfs: float = -12.0):
        super().__init__()
        self.freq = freq
        self.amplitude = 32767.0 * 10 ** (level_dbfs / 20.0)
        self.muted = False
        self._pts = 0
        self._start: Optional[float] = None

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            # Pace frames on an absolute clock so that the sender never drifts.
            delay = self._start + self._pts / RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        if self.freq and not self.muted:
            t = (np.arange(FRAME) + self._pts) / RATE
            samples = (self.amplitude * np.sin(2 * math.pi * self.freq * t)).astype(np.int16)
        else:
            samples = np.zeros(FRAME, dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


class Recorder:
    """Collects the decoded audio of a remote track as mono float samples."""

    def __init__(self):
        self.rate: Optional[int] = None
        self.chunks = []
        self.frames = 0
        self._task: Optional[asyncio.Task] = None

    def start(self, track: MediaStreamTrack) -> None:
        self._task = asyncio.ensure_future(self._run(track))

    async def _run(self, track: MediaStreamTrack) -> None:
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            channels = len(frame.layout.channels)
            data = frame.to_ndarray().astype(np.float64).reshape(-1, channels).mean(axis=1)
            if self.rate is None:
                self.rate = frame.sample_rate
                log.info("first audio frame: %d Hz, %d channel(s), format %s",
                         frame.sample_rate, channels, frame.format.name)
            self.chunks.append(data)
            self.frames += 1

    def stop(self) -> None:
        if self._task:
            self._task.cancel()

    def save_wav(self, path: str) -> None:
        """Everything received, as 16-bit mono PCM (for tone checks by the test)."""
        samples = np.concatenate(self.chunks) if self.chunks else np.zeros(0)
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate or 48000)
            w.writeframes(np.clip(samples, -32768, 32767).astype("<i2").tobytes())

    def analyse(self, skip_seconds: float = 0.5, upto: Optional[int] = None,
                start: int = 0) -> Tuple[Optional[float], Optional[float]]:
        """(dominant frequency in Hz, RMS level in dBFS) of what was received after SKIP,
        counted in frames from START up to UPTO (if given)."""
        chunks = self.chunks[start:upto]
        if not chunks or not self.rate:
            return None, None
        samples = np.concatenate(chunks)[int(skip_seconds * self.rate):]
        if len(samples) < self.rate // 5:
            return None, None
        rms = math.sqrt(float(np.mean(samples ** 2)))
        level = 20 * math.log10(rms / 32768.0) if rms > 0 else -200.0
        spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
        spectrum[0] = 0.0
        k = int(np.argmax(spectrum))
        if 0 < k < len(spectrum) - 1:
            # Parabolic interpolation between the neighbouring bins.
            a, b, c = spectrum[k - 1], spectrum[k], spectrum[k + 1]
            denom = a - 2 * b + c
            offset = 0.5 * (a - c) / denom if denom else 0.0
        else:
            offset = 0.0
        freq = (k + offset) * self.rate / len(samples)
        return round(freq, 1), round(level, 1)
