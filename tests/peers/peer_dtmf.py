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
