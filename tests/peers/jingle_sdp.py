"""Jingle RTP (XEP-0166/0167/0176/0320/0338/0293/0294/0339) <-> SDP, for the test peer.

An independent implementation: it shares no code with the gateway's C
converter.  Both directions go through a small neutral model (Session ->
Content -> Payload/Candidate), so that aiortc's SDP and the Jingle XML never
meet directly.
"""

import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

NS_JINGLE = "urn:xmpp:jingle:1"
NS_RTP = "urn:xmpp:jingle:apps:rtp:1"
NS_RTP_INFO = "urn:xmpp:jingle:apps:rtp:info:1"
NS_ICE = "urn:xmpp:jingle:transports:ice-udp:1"
NS_DTLS = "urn:xmpp:jingle:apps:dtls:0"
NS_GROUP = "urn:xmpp:jingle:apps:grouping:0"
NS_FB = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0"
NS_HDREXT = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0"
NS_SSMA = "urn:xmpp:jingle:apps:rtp:ssma:0"
NS_JMI = "urn:xmpp:jingle-message:0"
NS_JINGLE_ERRORS = "urn:xmpp:jingle:errors:1"


def q(ns: str, tag: str) -> str:
    """Clark notation for ElementTree."""
    return "{%s}%s" % (ns, tag)


@dataclass
class Payload:
    id: int
    name: str
    clockrate: int = 8000
    channels: int = 1
    params: List[Tuple[str, str]] = field(default_factory=list)
    rtcp_fb: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class Candidate:
    foundation: str
    component: int
    protocol: str
    priority: int
    ip: str
    port: int
    type: str
    rel_addr: Optional[str] = None
    rel_port: Optional[int] = None
    generation: int = 0
    id: str = ""


@dataclass
class Content:
    name: str
    creator: str = "initiator"
    senders: str = "both"
    media: str = "audio"
    payloads: List[Payload] = field(default_factory=list)
    hdrexts: List[Tuple[int, str]] = field(default_factory=list)
    rtcp_mux: bool = False
    ssrcs: List[Tuple[int, List[Tuple[str, str]]]] = field(default_factory=list)
    ufrag: Optional[str] = None
    pwd: Optional[str] = None
    candidates: List[Candidate] = field(default_factory=list)
    fp_hash: Optional[str] = None
    fp_value: Optional[str] = None
    fp_setup: Optional[str] = None


@dataclass
class Session:
    contents: List[Content] = field(default_factory=list)
    bundle: List[str] = field(default_factory=list)


# ---------------------------------------------------------------- SDP side

def _candidate_from_sdp(value: str) -> Candidate:
    """Parse the value of an a=candidate line (RFC 8839 grammar)."""
    f = value.split()
    cand = Candidate(foundation=f[0], component=int(f[1]), protocol=f[2].lower(),
                     priority=int(f[3]), ip=f[4], port=int(f[5]), type=f[7])
    rest = f[8:]
    for key, val in zip(rest[0::2], rest[1::2]):
        if key == "raddr":
            cand.rel_addr = val
        elif key == "rport":
            cand.rel_port = int(val)
        elif key == "generation":
            cand.generation = int(val)
    cand.id = secrets.token_hex(5)
    return cand


def candidate_to_sdp(c: Candidate) -> str:
    """The value of an a=candidate line (without 'candidate:')."""
    s = "%s %d %s %d %s %d typ %s" % (c.foundation, c.component, c.protocol.upper(),
                                      c.priority, c.ip, c.port, c.type)
    if c.rel_addr is not None and c.rel_port is not None:
        s += " raddr %s rport %d" % (c.rel_addr, c.rel_port)
    return s


def _fmtp_params(text: str) -> List[Tuple[str, str]]:
    params = []
    for item in text.split(";"):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            k, v = item.split("=", 1)
            params.append((k.strip(), v.strip()))
        else:
            params.append(("", item))  # positional, e.g. telephone-event "0-15"
    return params


def _media_attr(content: Content, pts: dict, attr: str, value: str) -> None:
    """Apply one a= attribute of an m= section to the content being parsed."""
    if attr == "mid":
        content.name = value
    elif attr in ("sendrecv", "sendonly", "recvonly", "inactive"):
        content.senders = attr
    elif attr == "rtcp-mux":
        content.rtcp_mux = True
    elif attr == "rtpmap":
        pt, enc = value.split(None, 1)
        parts = enc.split("/")
        p = pts[int(pt)]
        p.name = parts[0]
        p.clockrate = int(parts[1]) if len(parts) > 1 else 8000
        p.channels = int(parts[2]) if len(parts) > 2 else 1
    elif attr == "fmtp":
        pt, params = value.split(None, 1)
        if int(pt) in pts:
            pts[int(pt)].params = _fmtp_params(params)
    elif attr == "rtcp-fb":
        pt, fb = value.split(None, 1)
        fbp = fb.split(None, 1)
        if pt != "*" and int(pt) in pts:
            pts[int(pt)].rtcp_fb.append((fbp[0], fbp[1] if len(fbp) > 1 else ""))
    elif attr == "extmap":
        ident, uri = value.split(None, 1)
        content.hdrexts.append((int(ident.split("/")[0]), uri.split()[0]))
    elif attr == "ssrc":
        ssrc, kv = value.split(None, 1)
        name, _, val = kv.partition(":")
        for s, params in content.ssrcs:
            if s == int(ssrc):
                params.append((name, val))
                break
        else:
            content.ssrcs.append((int(ssrc), [(name, val)]))
    elif attr == "candidate":
        content.candidates.append(_candidate_from_sdp(value))
    elif attr == "ice-ufrag":
        content.ufrag = value
    elif attr == "ice-pwd":
        content.pwd = value
    elif attr == "fingerprint":
        h, fp = value.split(None, 1)
        if content.fp_hash is None or h.lower() == "sha-256":
            content.fp_hash, content.fp_value = h.lower(), fp.strip()
    elif attr == "setup":
        content.fp_setup = value


def sdp_to_session(sdp: str) -> Session:
    """Parse an SDP (as written by aiortc) into the neutral model."""
    session = Session()
    session_attrs = {}
    content, pts = None, {}
    for line in sdp.splitlines():
        if len(line) < 2 or line[1] != "=":
            continue
        kind, value = line[0], line[2:]
        if kind == "m":
            f = value.split()
            content = Content(name=str(len(session.contents)), media=f[0])
            pts = {int(pt): Payload(id=int(pt), name="") for pt in f[3:]}
            content.payloads = list(pts.values())
            session.contents.append(content)
        elif kind == "a":
            attr, _, val = value.partition(":")
            if content is None:
                session_attrs.setdefault(attr, []).append(val)
            else:
                _media_attr(content, pts, attr, val)
    for group in session_attrs.get("group", []):
        f = group.split()
        if f and f[0] == "BUNDLE":
            session.bundle = f[1:]
    for c in session.contents:
        for attr in ("ice-ufrag", "ice-pwd", "fingerprint", "setup"):
            for val in session_attrs.get(attr, []):
                if getattr(c, {"ice-ufrag": "ufrag", "ice-pwd": "pwd",
                               "fingerprint": "fp_value", "setup": "fp_setup"}[attr]) is None:
                    _media_attr(c, {}, attr, val)
    return session


_DIRECTION_TO_SENDERS = {
    # (SDP direction, our role) -> Jingle senders
    ("sendrecv", "initiator"): "both", ("sendrecv", "responder"): "both",
    ("sendonly", "initiator"): "initiator", ("sendonly", "responder"): "responder",
    ("recvonly", "initiator"): "responder", ("recvonly", "responder"): "initiator",
    ("inactive", "initiator"): "none", ("inactive", "responder"): "none",
}


def senders_from_direction(direction: str, role: str) -> str:
    """Jingle 'senders' for an SDP direction written by the party in ROLE."""
    return _DIRECTION_TO_SENDERS.get((direction, role), "both")


def direction_from_senders(senders: str, role: str) -> str:
    """SDP direction as seen by the party in ROLE for Jingle 'senders'."""
    if senders == "both":
        return "sendrecv"
    if senders == "none":
        return "inactive"
    return "sendonly" if senders == role else "recvonly"


def session_to_sdp(session: Session, sdp_type: str, remote_role: str) -> str:
    """Write an SDP for aiortc from a session received over Jingle.

    remote_role is the Jingle role of the party that sent it, used to turn
    'senders' into an SDP direction from that party's point of view.
    """
    lines = ["v=0", "o=- %d 2 IN IP4 0.0.0.0" % (secrets.randbits(48)), "s=-", "t=0 0"]
    if session.bundle:
        lines.append("a=group:BUNDLE " + " ".join(session.bundle))
    for c in session.contents:
        lines.append("m=%s 9 UDP/TLS/RTP/SAVPF %s" % (c.media, " ".join(str(p.id) for p in c.payloads)))
        lines.append("c=IN IP4 0.0.0.0")
        lines.append("a=mid:" + c.name)
        lines.append("a=" + direction_from_senders(c.senders, remote_role))
        if c.rtcp_mux:
            lines.append("a=rtcp-mux")
        for ident, uri in c.hdrexts:
            lines.append("a=extmap:%d %s" % (ident, uri))
        for p in c.payloads:
            enc = "%s/%d" % (p.name, p.clockrate)
            if p.channels > 1:
                enc += "/%d" % p.channels
            lines.append("a=rtpmap:%d %s" % (p.id, enc))
            if p.params:
                lines.append("a=fmtp:%d %s" % (p.id, ";".join(
                    v if not k else "%s=%s" % (k, v) for k, v in p.params)))
            for t, sub in p.rtcp_fb:
                lines.append("a=rtcp-fb:%d %s" % (p.id, (t + " " + sub).strip()))
        for ssrc, params in c.ssrcs:
            for k, v in params:
                lines.append("a=ssrc:%d %s:%s" % (ssrc, k, v))
        for cand in c.candidates:
            lines.append("a=candidate:" + candidate_to_sdp(cand))
        if c.ufrag:
            lines.append("a=ice-ufrag:" + c.ufrag)
        if c.pwd:
            lines.append("a=ice-pwd:" + c.pwd)
        if c.fp_value:
            lines.append("a=fingerprint:%s %s" % (c.fp_hash or "sha-256", c.fp_value))
            lines.append("a=setup:" + (c.fp_setup or ("actpass" if sdp_type == "offer" else "active")))
    return "\r\n".join(lines) + "\r\n"


# ---------------------------------------------------------------- Jingle side

def _sub(parent: ET.Element, ns: str, tag: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, q(ns, tag))
    for k, v in attrs.items():
        if v is not None:
            el.set(k.replace("_", "-"), str(v))
    return el


def candidate_to_xml(parent: ET.Element, c: Candidate) -> ET.Element:
    """Append an XEP-0176 <candidate/> to a transport element."""
    return _sub(parent, NS_ICE, "candidate", component=c.component, foundation=c.foundation,
                generation=c.generation, id=c.id or secrets.token_hex(5), ip=c.ip, network=0,
                port=c.port, priority=c.priority, protocol=c.protocol, type=c.type,
                rel_addr=c.rel_addr, rel_port=c.rel_port)


def transport_to_xml(parent: ET.Element, c: Content, with_candidates: bool = True) -> ET.Element:
    """Append an ICE-UDP <transport/> (with DTLS fingerprint) for a content."""
    tr = _sub(parent, NS_ICE, "transport", ufrag=c.ufrag, pwd=c.pwd)
    if c.fp_value:
        fp = _sub(tr, NS_DTLS, "fingerprint", hash=c.fp_hash or "sha-256", setup=c.fp_setup)
        fp.text = c.fp_value
    if with_candidates:
        for cand in c.candidates:
            candidate_to_xml(tr, cand)
    return tr


def _description_to_xml(parent: ET.Element, c: Content) -> None:
    desc = _sub(parent, NS_RTP, "description", media=c.media)
    for p in c.payloads:
        pt = _sub(desc, NS_RTP, "payload-type", id=p.id, name=p.name, clockrate=p.clockrate,
                  channels=p.channels if p.channels > 1 else None)
        for k, v in p.params:
            if k:  # XEP-0167 parameters are name/value pairs; positional ones have no mapping
                _sub(pt, NS_RTP, "parameter", name=k, value=v)
        for t, sub in p.rtcp_fb:
            _sub(pt, NS_FB, "rtcp-fb", type=t, subtype=sub or None)
    for ident, uri in c.hdrexts:
        _sub(desc, NS_HDREXT, "rtp-hdrext", id=ident, uri=uri)
    for ssrc, params in c.ssrcs:
        src = _sub(desc, NS_SSMA, "source", ssrc=ssrc)
        for k, v in params:
            _sub(src, NS_SSMA, "parameter", name=k, value=v)
    if c.rtcp_mux:
        _sub(desc, NS_RTP, "rtcp-mux")


def jingle_element(action: str, sid: str, initiator: Optional[str] = None,
                   responder: Optional[str] = None) -> ET.Element:
    """A bare <jingle/> element for ACTION."""
    el = ET.Element(q(NS_JINGLE, "jingle"))
    el.set("action", action)
    el.set("sid", sid)
    if initiator:
        el.set("initiator", initiator)
    if responder:
        el.set("responder", responder)
    return el


def session_to_jingle(jingle: ET.Element, session: Session, with_candidates: bool = True) -> None:
    """Fill a session-initiate/session-accept <jingle/> with contents."""
    for c in session.contents:
        content = _sub(jingle, NS_JINGLE, "content", creator=c.creator, name=c.name, senders=c.senders)
        _description_to_xml(content, c)
        transport_to_xml(content, c, with_candidates)
    if session.bundle:
        group = _sub(jingle, NS_GROUP, "group", semantics="BUNDLE")
        for name in session.bundle:
            _sub(group, NS_GROUP, "content", name=name)


def reason_element(condition: str, text: Optional[str] = None) -> ET.Element:
    """An XEP-0166 <reason/>."""
    r = ET.Element(q(NS_JINGLE, "reason"))
    ET.SubElement(r, q(NS_JINGLE, condition))
    if text:
        ET.SubElement(r, q(NS_JINGLE, "text")).text = text
    return r


def reason_condition(parent: ET.Element) -> Optional[str]:
    """The condition name of the <reason/> child of PARENT, if any."""
    r = parent.find(q(NS_JINGLE, "reason"))
    if r is None:
        return None
    for child in r:
        tag = child.tag.split("}")[-1]
        if tag != "text" and child.tag.startswith("{" + NS_JINGLE + "}"):
            return tag
    return None


def _int(el: ET.Element, attr: str, default: int) -> int:
    try:
        return int(el.get(attr, default))
    except ValueError:
        return default


def candidate_from_xml(el: ET.Element) -> Candidate:
    """Parse an XEP-0176 <candidate/>; raises KeyError/ValueError if incomplete."""
    rp = el.get("rel-port")
    return Candidate(foundation=el.get("foundation", "1"), component=int(el.get("component", "1")),
                     protocol=el.get("protocol", "udp").lower(), priority=int(el.attrib["priority"]),
                     ip=el.attrib["ip"], port=int(el.attrib["port"]), type=el.get("type", "host"),
                     rel_addr=el.get("rel-addr"), rel_port=int(rp) if rp else None,
                     generation=_int(el, "generation", 0), id=el.get("id", ""))


def transport_from_xml(content: Content, tr: ET.Element) -> None:
    """Read ICE credentials, fingerprint and candidates of a <transport/>."""
    if tr.get("ufrag"):
        content.ufrag = tr.get("ufrag")
    if tr.get("pwd"):
        content.pwd = tr.get("pwd")
    fp = tr.find(q(NS_DTLS, "fingerprint"))
    if fp is not None and fp.text:
        content.fp_hash = fp.get("hash", "sha-256").lower()
        content.fp_value = fp.text.strip()
        content.fp_setup = fp.get("setup")
    for cel in tr.findall(q(NS_ICE, "candidate")):
        content.candidates.append(candidate_from_xml(cel))


def _description_from_xml(content: Content, desc: ET.Element) -> None:
    content.media = desc.get("media", "audio")
    for pel in desc.findall(q(NS_RTP, "payload-type")):
        p = Payload(id=int(pel.attrib["id"]), name=pel.get("name", ""),
                    clockrate=_int(pel, "clockrate", 8000), channels=_int(pel, "channels", 1))
        p.params = [(x.get("name", ""), x.get("value", "")) for x in pel.findall(q(NS_RTP, "parameter"))]
        p.rtcp_fb = [(x.get("type", ""), x.get("subtype", "")) for x in pel.findall(q(NS_FB, "rtcp-fb"))]
        content.payloads.append(p)
    for h in desc.findall(q(NS_HDREXT, "rtp-hdrext")):
        content.hdrexts.append((int(h.attrib["id"]), h.attrib["uri"]))
    for src in desc.findall(q(NS_SSMA, "source")):
        content.ssrcs.append((int(src.attrib["ssrc"]),
                              [(x.get("name", ""), x.get("value", "")) for x in src.findall(q(NS_SSMA, "parameter"))]))
    content.rtcp_mux = desc.find(q(NS_RTP, "rtcp-mux")) is not None


def session_from_jingle(jingle: ET.Element) -> Session:
    """Parse the RTP contents of a session-initiate/accept; ValueError if unusable."""
    session = Session()
    for cel in jingle.findall(q(NS_JINGLE, "content")):
        content = Content(name=cel.get("name", ""), creator=cel.get("creator", "initiator"),
                          senders=cel.get("senders", "both"))
        desc = cel.find(q(NS_RTP, "description"))
        tr = cel.find(q(NS_ICE, "transport"))
        if desc is None or tr is None:
            raise ValueError("content %r lacks an RTP description or ICE-UDP transport" % content.name)
        _description_from_xml(content, desc)
        transport_from_xml(content, tr)
        session.contents.append(content)
    if not session.contents:
        raise ValueError("no content")
    group = jingle.find(q(NS_GROUP, "group"))
    if group is not None and group.get("semantics") == "BUNDLE":
        session.bundle = [x.get("name", "") for x in group.findall(q(NS_GROUP, "content"))]
    return session
