"""RFC 4733 telephone-event reception for the test peer.

aiortc 1.4 has no DTMF support: it never negotiates telephone-event and its
RTP router drops packets whose payload type it did not negotiate.  We peek at
packets before the router so that events the far end sends are still seen.
"""

import logging
import struct

log = logging.getLogger("peer.dtmf")

EVENT_CHARS = "0123456789*#ABCD"


def decode_event(payload: bytes):
    """(event char, end flag, duration) of an RFC 4733 payload, or None."""
    if len(payload) < 4:
        return None
    event, flags, duration = struct.unpack("!BBH", payload[:4])
    char = EVENT_CHARS[event] if event < len(EVENT_CHARS) else "?"
    return char, bool(flags & 0x80), duration


def watch_receiver(pc, payload_type: int, out: list) -> None:
    """Append each received event (once, at its end) of payload type PT to OUT."""
    seen = set()
    for transceiver in pc.getTransceivers():
        transport = transceiver._transport  # aiortc has no public hook for this
        if transport is None or getattr(transport, "_jgw_dtmf_watch", False):
            continue
        router = transport._rtp_router
        route = router.route_rtp

        def peek(packet, route=route):
            if packet.payload_type == payload_type:
                ev = decode_event(packet.payload)
                if ev and ev[1] and packet.timestamp not in seen:
                    seen.add(packet.timestamp)
                    log.info("received RFC 4733 event %s (duration %d)", ev[0], ev[2])
                    out.append(ev[0])
                return None
            return route(packet)

        router.route_rtp = peek
        transport._jgw_dtmf_watch = True


async def send_events(pc, payload_type: int, digits: str, clock_rate: int = 8000) -> int:
    """Send DIGITS as RFC 4733 events (100 ms each, 20 ms packets, 3 end packets).

    aiortc's sender owns the audio stream's sequence numbers and gives no way
    to interleave packets, so the events go out as their own RTP stream (own
    SSRC) over the same DTLS-SRTP transport.  Returns the number of packets.
    """
    import asyncio
    import secrets

    from aiortc.rtp import RtpPacket

    transport = pc.getSenders()[0].transport
    ssrc, seq, ts = secrets.randbits(32), secrets.randbits(16), secrets.randbits(32)
    step = clock_rate // 50  # one 20 ms packet
    sent = 0
    for char in digits:
        event = EVENT_CHARS.find(char.upper())
        if event < 0:
            log.warning("no RFC 4733 event for %r", char)
            continue
        packets = [(n * step, False) for n in range(1, 6)] + [(5 * step, True)] * 3
        for i, (duration, end) in enumerate(packets):
            payload = struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)
            pkt = RtpPacket(payload_type=payload_type, marker=1 if i == 0 else 0,
                            sequence_number=seq, timestamp=ts, ssrc=ssrc, payload=payload)
            seq = (seq + 1) & 0xFFFF
            await transport._send_rtp(pkt.serialize())
            sent += 1
            if not end:
                await asyncio.sleep(0.02)
        log.info("sent RFC 4733 event %s", char)
        ts = (ts + 5 * step + 2 * step) & 0xFFFFFFFF  # next event starts after a 40 ms gap
        await asyncio.sleep(0.1)
    return sent
