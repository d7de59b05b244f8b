"""Call state and small helpers shared by the test peer's modules."""

import asyncio

import slixmpp

import jingle_sdp as js
from peer_audio import Recorder


class PeerError(Exception):
    """A protocol failure that ends the scenario with result 'error'."""


class Call:
    """State of the one Jingle session this peer plays."""

    def __init__(self, sid: str, peer: str, role: str, jmi: bool):
        self.sid, self.peer, self.role, self.jmi = sid, peer, role, jmi
        self.pc = None
        self.tone = None
        self.recorder = Recorder()
        self.mid_of = {}  # Jingle content name -> SDP mid
        self.name_of = {}  # SDP mid -> Jingle content name
        self.remote_set = False
        self.pending = []  # remote candidates received before the remote description
        self.accepted = asyncio.Event()
        self.connected = asyncio.Event()
        self.ended = asyncio.Event()
        self.te_pt = None  # negotiated telephone-event payload type
        self.codec = None  # first payload of the answer: what is sent
        self.early = None  # --early-media: content name -> ufrag of the early transport
        self.early_frames = None  # audio frames received before session-accept


async def first(*aws):
    """Wait until the first of AWS completes; cancel the others."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    return done.pop().result()


def same_party(peer: str, frm: slixmpp.JID) -> bool:
    """Whether FROM may speak for the session with PEER (a bare PEER matches any resource)."""
    p = slixmpp.JID(peer)
    return p.full == frm.full if p.resource else p.bare == frm.bare


def first_codec(session: js.Session):
    """"NAME/RATE" of the first payload of SESSION (the one that is sent)."""
    for c in session.contents:
        for p in c.payloads:
            return "%s/%d" % (p.name, p.clockrate)
    return None


def telephone_event_pt(session: js.Session):
    """Payload type of telephone-event in SESSION, or None."""
    for c in session.contents:
        for p in c.payloads:
            if p.name.lower() == "telephone-event":
                return p.id
    return None
