#!/usr/bin/python3
"""Independent Jingle audio test peer (slixmpp + aiortc) for jinglegw's end-to-end suites.

Logs in as a user, plays one call scenario, prints ONE JSON line on stdout
and logs everything else to stderr.  See tests/peers/README.md.
Run it with Debian's /usr/bin/python3 (slixmpp, aiortc and numpy come from
Debian packages).
"""

import argparse
import asyncio
import json
import logging
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import aioice.ice  # noqa: E402
import slixmpp  # noqa: E402
from aiortc import (RTCConfiguration, RTCIceCandidate, RTCPeerConnection, RTCRtpSender,  # noqa: E402
                    RTCSessionDescription)
from slixmpp.xmlstream.handler import Callback  # noqa: E402
from slixmpp.xmlstream.matcher import MatchXPath  # noqa: E402

import jingle_sdp as js  # noqa: E402
import peer_dtmf  # noqa: E402
from peer_audio import ToneTrack  # noqa: E402
from peer_call import Call, PeerError, first, first_codec, same_party, telephone_event_pt  # noqa: E402
from peer_scenarios import Scenarios  # noqa: E402

log = logging.getLogger("peer")

FEATURES = [js.NS_JINGLE, js.NS_RTP, "urn:xmpp:jingle:apps:rtp:audio", js.NS_ICE, js.NS_DTLS]


class Peer(Scenarios):
    """The XMPP client, its Jingle/JMI handlers, media and the run (scenarios: peer_scenarios.py)."""

    def __init__(self, args):
        self.args = args
        self.events = []
        self.terminate_reason = None
        self.call = None
        self.offers = asyncio.Queue()  # incoming propose / session-initiate
        self.jmi = asyncio.Queue()  # other JMI messages (ringing, proceed, reject, retract, finish)
        self.session_started = asyncio.Event()
        self.rx_dtmf = []
        self.proceeded = set()  # JMI session ids we sent <proceed/> for
        self.extra = {}  # scenario-specific result fields
        self.failure = None  # set by handlers when the session failed on our side
        self.caps_seen = asyncio.Event()
        x = slixmpp.ClientXMPP(args.jid, args.password)
        x.register_plugin("xep_0030")
        x.register_plugin("xep_0115")
        x["feature_mechanisms"].unencrypted_plain = True
        x["xep_0030"].del_identity(category="client", itype="bot")
        x["xep_0030"].add_identity(category="client", itype="phone", name="jinglegw test peer")
        x.roster.auto_authorize = True  # a gateway component may subscribe to us
        x.roster.auto_subscribe = False
        features = FEATURES + ([] if args.no_jmi else [js.NS_JMI])
        for f in features:
            x["xep_0030"].add_feature(f)
        x.add_event_handler("session_start", self._on_session_start)
        x.add_event_handler("presence_available", self._on_presence)
        x.add_event_handler("message", self._on_chat)
        x.add_event_handler("failed_auth", lambda _: self._fail_login("authentication failed"))
        x.add_event_handler("connection_failed", lambda e: self._fail_login("connection failed: %s" % e))
        x.register_handler(Callback("jingle", MatchXPath("{jabber:client}iq/{%s}jingle" % js.NS_JINGLE),
                                    self._on_jingle))
        for tag in ("propose", "ringing", "proceed", "reject", "retract", "finish", "accept"):
            x.register_handler(Callback("jmi-" + tag, MatchXPath("{jabber:client}message/{%s}%s" % (js.NS_JMI, tag)),
                                        self._on_jmi))
        self.xmpp = x
        self.login_error = None

    # ------------------------------------------------------------ plumbing

    def event(self, name: str) -> None:
        self.events.append(name)
        log.info("EVENT %s", name)

    def _on_chat(self, msg) -> None:
        if msg["type"] in ("chat", "normal") and msg["body"]:
            self.event("chat:" + msg["body"])

    def _on_presence(self, pres) -> None:
        c = pres.xml.find("{http://jabber.org/protocol/caps}c")
        if c is None or pres["from"] == self.xmpp.boundjid:
            return
        log.info("presence of %s with caps %s", pres["from"], c.get("ver"))
        if self.args.disco and pres["from"].full == slixmpp.JID(self.args.disco).full:
            self.extra["caps"] = {"node": c.get("node"), "ver": c.get("ver"), "hash": c.get("hash")}
            self.caps_seen.set()

    def _fail_login(self, why: str) -> None:
        self.login_error = why
        self.session_started.set()

    async def _on_session_start(self, _):
        await self.xmpp["xep_0115"].update_caps(broadcast=False)
        self.xmpp.send_presence()
        try:
            await self.xmpp.get_roster(timeout=10)
        except Exception as e:  # the roster is a courtesy; a call can work without it
            log.warning("roster request failed: %s", e)
        log.info("logged in as %s", self.xmpp.boundjid.full)
        self.session_started.set()

    async def send_jingle(self, call: Call, jingle: ET.Element, what: str) -> None:
        """Send a Jingle IQ-set and wait for its result; PeerError on error/timeout."""
        iq = self.xmpp.make_iq_set(ito=call.peer)
        iq.xml.append(jingle)
        self.event(what)
        try:
            await iq.send(timeout=10)
        except slixmpp.exceptions.IqError as e:
            cond = e.iq["error"]["condition"]
            self.event("%s-error:%s" % (jingle.get("action"), cond))
            raise PeerError("%s rejected with %s" % (jingle.get("action"), cond))
        except slixmpp.exceptions.IqTimeout:
            raise PeerError("%s: no reply in 10 s" % jingle.get("action"))

    def send_jmi(self, to: str, tag: str, sid: str, reason: str = None) -> None:
        """Send a XEP-0353 message (type chat, store hint)."""
        msg = self.xmpp.make_message(mto=to, mtype="chat")
        el = ET.SubElement(msg.xml, js.q(js.NS_JMI, tag))
        el.set("id", sid)
        if tag == "propose":
            ET.SubElement(el, js.q(js.NS_RTP, "description")).set("media", "audio")
        if reason:
            el.append(js.reason_element(reason))
        ET.SubElement(msg.xml, "{urn:xmpp:hints}store")
        msg.send()
        self.event("%s-sent%s" % (tag, ":" + reason if reason else ""))

    def _iq_error(self, iq, condition: str, jingle_cond: str = None) -> None:
        reply = iq.reply(clear=True)
        reply["error"]["type"] = "cancel"
        reply["error"]["condition"] = condition
        if jingle_cond:
            reply["error"].xml.append(ET.Element(js.q(js.NS_JINGLE_ERRORS, jingle_cond)))
        reply.send()

    # ------------------------------------------------------------ incoming stanzas

    def _on_jmi(self, msg):
        for el in msg.xml:
            if not el.tag.startswith("{%s}" % js.NS_JMI):
                continue
            tag = el.tag.split("}")[1]
            reason = js.reason_condition(el)
            self.event(tag + (":" + reason if reason else ""))
            item = (tag, el.get("id"), msg["from"].full, reason)
            if tag == "propose":
                nick = msg.xml.find("{http://jabber.org/protocol/nick}nick")
                if nick is not None:
                    self.extra["caller_nick"] = nick.text  # XEP-0172: who calls
                self.extra["caller"] = msg["from"].bare
                self.offers.put_nowait(("propose",) + item[1:] + (el,))
            else:
                self.jmi.put_nowait(item)

    def _on_jingle(self, iq):
        if iq["type"] != "set":
            return
        jingle = iq.xml.find(js.q(js.NS_JINGLE, "jingle"))
        action, sid = jingle.get("action"), jingle.get("sid")
        frm = iq["from"].full
        call = self.call
        if action == "session-initiate" and call is None:
            iq.reply(clear=True).send()
            self.event("session-initiate")
            self.extra.setdefault("caller", iq["from"].bare)
            # Create the call now: transport-info may follow before we answer.
            self.call = Call(sid, frm, "responder", sid in self.proceeded)
            self.offers.put_nowait(("initiate", sid, frm, None, jingle))
            return
        if call is None or call.sid != sid or not same_party(call.peer, iq["from"]):
            self.event("unknown-session:" + str(action))
            self._iq_error(iq, "item-not-found", "unknown-session")
            return
        if action == "session-accept" and call.peer != frm:
            log.info("responder answered from %s (we sent to %s); talking to it from now on", frm, call.peer)
            call.peer = frm
        iq.reply(clear=True).send()
        handler = {
            "session-accept": self._on_accept,
            "session-terminate": self._on_terminate,
            "session-info": self._on_info,
            "transport-info": self._on_transport_info,
        }.get(action)
        if handler is None:
            self.event("jingle:" + str(action))
            return
        asyncio.ensure_future(handler(call, jingle))

    async def _on_accept(self, call: Call, jingle: ET.Element):
        self.event("session-accept")
        call.early_frames = call.recorder.frames
        try:
            session = js.session_from_jingle(jingle)
            for c in session.contents:
                if c.fp_setup == "actpass":
                    raise ValueError("session-accept with DTLS setup 'actpass' (RFC 5763: answer must be active/passive)")
                c.name = call.mid_of.get(c.name, c.name)
            session.bundle = [call.mid_of.get(n, n) for n in session.bundle]
            sdp = js.session_to_sdp(session, "answer", "responder")
            log.debug("remote answer SDP:\n%s", sdp)
            if call.early:
                # The transport is running since the early transport-info; aiortc
                # takes one answer only, so this one must match it.
                if [c.ufrag for c in session.contents] != [call.early.get(c.name) for c in session.contents]:
                    raise ValueError("session-accept changes the ICE credentials of the early transport")
            else:
                await call.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
            call.te_pt = telephone_event_pt(session)
            call.codec = first_codec(session)
            await self._remote_ready(call)
        except Exception as e:
            log.error("cannot use session-accept: %s", e)
            self.failure = "unusable session-accept: %s" % e
            self.event("bad-session-accept")
            await self.hangup(call, "failed-application")
        call.accepted.set()

    async def _on_terminate(self, call: Call, jingle: ET.Element):
        reason = js.reason_condition(jingle)
        self.event("session-terminate:%s" % reason)
        if self.terminate_reason is None:
            self.terminate_reason = reason
        call.ended.set()

    async def _on_info(self, call: Call, jingle: ET.Element):
        infos = [el.tag.split("}")[1] for el in jingle if el.tag.startswith("{%s}" % js.NS_RTP_INFO)]
        self.event("session-info:" + (",".join(infos) or "ping"))

    async def _on_transport_info(self, call: Call, jingle: ET.Element):
        self.event("transport-info")
        if self.args.early_media and call.role == "initiator" and not call.remote_set and not call.early:
            if await self._early_transport(call, jingle):
                return
        for cel in jingle.findall(js.q(js.NS_JINGLE, "content")):
            tr = cel.find(js.q(js.NS_ICE, "transport"))
            if tr is None:
                continue
            for cand_el in tr.findall(js.q(js.NS_ICE, "candidate")):
                try:
                    cand = js.candidate_from_xml(cand_el)
                except (KeyError, ValueError) as e:
                    log.warning("ignoring bad candidate: %s", e)
                    continue
                call.pending.append((cel.get("name"), cand))
        if call.remote_set:
            await self._flush_candidates(call)

    async def _early_transport(self, call: Call, jingle: ET.Element) -> bool:
        """--early-media: a transport-info with credentials and a fingerprint
        before session-accept starts ICE/DTLS at once, with a provisional
        answer made of our own offer's first codec (RFC 3264: the offerer
        takes any codec it offered), so that early media can be heard."""
        contents = []
        for cel in jingle.findall(js.q(js.NS_JINGLE, "content")):
            tr = cel.find(js.q(js.NS_ICE, "transport"))
            c = js.Content(name=call.mid_of.get(cel.get("name"), cel.get("name")))
            if tr is not None:
                js.transport_from_xml(c, tr)
            if not (c.ufrag and c.pwd and c.fp_value):
                return False
            contents.append(c)
        ours = self.local_session(call)
        for c in contents:
            mine = next((m for m in ours.contents if call.mid_of.get(m.name, m.name) == c.name), None)
            if mine is None:
                return False
            c.payloads = [p for p in mine.payloads if p.name.lower() != "telephone-event"][:1]
            c.rtcp_mux = mine.rtcp_mux
        session = js.Session(contents=contents, bundle=[c.name for c in contents])
        sdp = js.session_to_sdp(session, "answer", "responder")
        log.debug("early (provisional) answer SDP:\n%s", sdp)
        await call.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        call.early = {c.name: c.ufrag for c in contents}  # by SDP mid
        self.event("early-media")
        await self._remote_ready(call)
        return True

    async def _remote_ready(self, call: Call):
        call.remote_set = True
        await self._flush_candidates(call)

    async def _flush_candidates(self, call: Call):
        pending, call.pending = call.pending, []
        for name, c in pending:
            mid = call.mid_of.get(name, name)
            log.info("remote candidate (trickled) %s: %s", mid, js.candidate_to_sdp(c))
            await call.pc.addIceCandidate(RTCIceCandidate(
                component=c.component, foundation=c.foundation, ip=c.ip, port=c.port,
                priority=c.priority, protocol=c.protocol, type=c.type, relatedAddress=c.rel_addr,
                relatedPort=c.rel_port, sdpMid=mid))

    # ------------------------------------------------------------ media

    def new_pc(self, call: Call) -> None:
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        call.pc = pc
        call.tone = ToneTrack(self.args.tone)

        @pc.on("track")
        def on_track(track):
            log.info("remote %s track", track.kind)
            if track.kind == "audio":
                call.recorder.start(track)

        @pc.on("connectionstatechange")
        async def on_state():
            log.info("connection state %s (ICE %s)", pc.connectionState, pc.iceConnectionState)
            if pc.connectionState == "connected" and not call.connected.is_set():
                self.event("media-connected")
                call.connected.set()
            elif pc.connectionState == "failed":
                self.event("media-failed")
                self.failure = "ICE/DTLS failed"
                await self.hangup(call, "connectivity-error")

    def prefer_codecs(self, call: Call) -> None:
        """Restrict aiortc to --codecs (in that order of preference)."""
        if not self.args.codecs:
            return
        caps = RTCRtpSender.getCapabilities("audio").codecs
        wanted = [n.strip().lower() for n in self.args.codecs.split(",") if n.strip()]
        chosen = [c for n in wanted for c in caps if c.mimeType.lower() == "audio/" + n]
        if not chosen:
            raise PeerError("none of --codecs %s is supported by aiortc" % self.args.codecs)
        for t in call.pc.getTransceivers():
            t.setCodecPreferences(chosen)

    def local_session(self, call: Call) -> js.Session:
        """The local description of aiortc as Jingle contents, with Jingle names."""
        session = js.sdp_to_session(call.pc.localDescription.sdp)
        for c in session.contents:
            c.senders = js.senders_from_direction(c.senders, call.role)
            c.name = call.name_of.get(c.name, c.name)
            c.creator = "initiator"
        session.bundle = [call.name_of.get(m, m) for m in session.bundle]
        return session

    async def hangup(self, call: Call, reason: str = "success") -> None:
        """Send session-terminate (and JMI finish) unless the session already ended."""
        if call.ended.is_set():
            return
        call.ended.set()
        if self.terminate_reason is None:
            self.terminate_reason = reason
        jingle = js.jingle_element("session-terminate", call.sid)
        jingle.append(js.reason_element(reason))
        try:
            await self.send_jingle(call, jingle, "session-terminate-sent:" + reason)
        except PeerError as e:
            log.warning("%s", e)
        if call.jmi:
            self.send_jmi(call.peer, "finish", call.sid, reason)

    async def media_phase(self, call: Call) -> None:
        """From accept to the end: wait for media, DTMF, hold, hang up or be hung up."""
        await first(call.connected.wait(), call.ended.wait())
        if call.ended.is_set():
            return
        if call.te_pt is not None:
            peer_dtmf.watch_receiver(call.pc, call.te_pt, self.rx_dtmf)
        extra = []
        if self.args.dtmf:
            extra.append(asyncio.ensure_future(self._dtmf(call)))
        if self.args.hold_after is not None:
            extra.append(asyncio.ensure_future(self._hold(call)))
        if self.args.bad_input is not None:
            extra.append(asyncio.ensure_future(self._bad_input(call)))
        if self.args.mute_after is not None:
            extra.append(asyncio.ensure_future(self._mute(call)))
        if self.args.modify_senders_after is not None:
            extra.append(asyncio.ensure_future(self._modify_senders(call)))
        if self.args.hangup_after is not None:
            await first(asyncio.sleep(self.args.hangup_after), call.ended.wait())
            await self.hangup(call, "success")
        else:
            await call.ended.wait()
        for t in extra:
            t.cancel()

    async def _dtmf(self, call: Call):
        a = self.args
        await asyncio.sleep(a.dtmf_delay)
        if a.dtmf_mode in ("chat", "both"):
            self.xmpp.make_message(mto=a.dtmf_to or call.peer, mbody=a.dtmf, mtype="chat").send()
            self.event("dtmf-sent:" + a.dtmf)
        if a.dtmf_mode in ("rfc4733", "both"):
            if call.te_pt is None:
                self.event("dtmf-rfc4733-not-negotiated")
                return
            await peer_dtmf.send_events(call.pc, call.te_pt, a.dtmf)
            self.event("dtmf-rfc4733-sent:" + a.dtmf)

    async def _bad_input(self, call: Call):
        """Mid-call, a session-terminate for a sid that does not exist and a
        second session-accept for the running call; each reply is an event
        ('<action>-error:<condition>' or 'bad-<action>-accepted')."""
        await asyncio.sleep(self.args.bad_input)
        bogus = js.jingle_element("session-terminate", "no-such-" + call.sid)
        bogus.append(js.reason_element("success"))
        again = js.jingle_element("session-accept", call.sid, responder=self.xmpp.boundjid.full)
        js.session_to_jingle(again, self.local_session(call))
        for el in (bogus, again):
            try:
                await self.send_jingle(call, el, "bad-sent:" + el.get("action"))
                self.event("bad-%s-accepted" % el.get("action"))
            except PeerError as e:
                log.info("bad input refused as expected: %s", e)

    async def _hold(self, call: Call):
        await asyncio.sleep(self.args.hold_after)
        for what in ("hold", "unhold"):
            call.tone.muted = what == "hold"
            jingle = js.jingle_element("session-info", call.sid)
            ET.SubElement(jingle, js.q(js.NS_RTP_INFO, what))
            await self.send_jingle(call, jingle, "session-info-sent:" + what)
            if what == "hold":
                await asyncio.sleep(self.args.hold_duration)

    async def _mute(self, call: Call):
        """session-info mute, then unmute; the tone keeps playing, so what the
        far end hears shows whether the other side enforces the mute."""
        await asyncio.sleep(self.args.mute_after)
        for what in ("mute", "unmute"):
            jingle = js.jingle_element("session-info", call.sid)
            el = ET.SubElement(jingle, js.q(js.NS_RTP_INFO, what))
            el.set("creator", "initiator")
            el.set("name", next(iter(call.name_of.values()), "0"))
            await self.send_jingle(call, jingle, "session-info-sent:" + what)
            if what == "mute":
                await asyncio.sleep(self.args.mute_duration)

    async def _modify_senders(self, call: Call):
        """content-modify to senders=<our role> (we only send: hold), then back to both."""
        await asyncio.sleep(self.args.modify_senders_after)
        for senders in (call.role, "both"):
            jingle = js.jingle_element("content-modify", call.sid)
            content = ET.SubElement(jingle, js.q(js.NS_JINGLE, "content"))
            content.set("creator", "initiator")
            content.set("name", next(iter(call.name_of.values()), "0"))
            content.set("senders", senders)
            await self.send_jingle(call, jingle, "content-modify-sent:" + senders)
            if senders != "both":
                await asyncio.sleep(self.args.modify_duration)

    # ------------------------------------------------------------ main

    async def run(self) -> dict:
        result = {"result": "ok", "events": self.events, "rx_freq": None, "rx_level_db": None,
                  "terminate_reason": None, "error": None}
        try:
            await asyncio.wait_for(self._run(), self.args.timeout)
        except asyncio.TimeoutError:
            result["result"], result["error"] = "error", "timeout after %gs" % self.args.timeout
        except PeerError as e:
            result["result"], result["error"] = "error", str(e)
        except Exception as e:
            log.exception("scenario failed")
            result["result"], result["error"] = "error", "%s: %s" % (type(e).__name__, e)
        if self.failure and result["result"] == "ok":
            result["result"], result["error"] = "error", self.failure
        await self._cleanup()
        call = self.call
        if call is not None:
            result["rx_freq"], result["rx_level_db"] = call.recorder.analyse()
            result["rx_frames"] = call.recorder.frames
            result["rx_rate"] = call.recorder.rate
            if self.args.record:
                call.recorder.save_wav(self.args.record)
            result["codec"] = call.codec
            if call.early:
                # What was heard before session-accept (early media).
                result["early_rx_freq"], result["early_rx_level_db"] = call.recorder.analyse(
                    0.3, upto=call.early_frames)
                # ...and in the first second after it (no gap at the answer).
                result["answer_rx_freq"], result["answer_rx_level_db"] = call.recorder.analyse(
                    0, upto=call.early_frames + 50, start=call.early_frames)
        result["terminate_reason"] = self.terminate_reason
        if result["error"]:
            log.error("result: error: %s", result["error"])
        result.update(self.extra)
        if self.rx_dtmf:
            result["rx_dtmf"] = "".join(self.rx_dtmf)
        return result

    async def _run(self) -> None:
        a = self.args
        self.xmpp.connect(address=(a.host, a.port), use_ssl=False, force_starttls=False, disable_starttls=True)
        await self.session_started.wait()
        if self.login_error:
            raise PeerError(self.login_error)
        if a.subscribe:
            await self.subscribe(a.subscribe)
        if a.call:
            await self.place_call()
        elif a.idle is not None:
            await asyncio.sleep(a.idle)
        elif a.disco:
            await self.disco(a.disco)
        else:
            await self.answer_calls()

    async def _cleanup(self) -> None:
        call = self.call
        if call is not None and call.pc is not None:
            call.recorder.stop()
            if call.tone:
                call.tone.stop()
            try:
                await asyncio.wait_for(call.pc.close(), 5)
            except Exception as e:
                log.warning("closing the peer connection: %s", e)
        try:
            # disconnect() only checks that the queue is empty, not that the
            # stanza being filtered was written: wait for that too.
            await asyncio.wait_for(self.xmpp.waiting_queue.join(), 2)
        except asyncio.TimeoutError:
            log.warning("stanzas still queued at disconnect")
        try:
            await asyncio.wait_for(self.xmpp.disconnect(wait=2), 4)
        except Exception as e:
            log.warning("disconnect: %s", e)


def use_ice_addresses(addresses):
    """aioice never offers loopback host candidates; give it exactly ADDRESSES."""
    aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=True: list(addresses)


def _drain(loop) -> None:
    """Cancel what slixmpp/aiortc left running so that the loop closes quietly."""
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.wait(pending, timeout=3))
    loop.close()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jid", required=True, help="account JID (bare or with resource)")
    p.add_argument("--password", required=True)
    p.add_argument("--host", default="127.0.0.1", help="c2s address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5222, help="c2s port (plain, no TLS)")
    role = p.add_mutually_exclusive_group(required=True)
    role.add_argument("--call", metavar="JID", help="place a call to JID")
    role.add_argument("--answer", action="store_true", help="answer an incoming call")
    role.add_argument("--reject", action="store_true", help="decline an incoming call (reason decline)")
    role.add_argument("--busy", action="store_true", help="refuse an incoming call (reason busy)")
    role.add_argument("--no-answer", action="store_true", help="let an incoming call ring until the caller ends it")
    role.add_argument("--idle", type=float, metavar="SECONDS", help="only stay online (disco, subscriptions) for SECONDS")
    role.add_argument("--disco", metavar="JID", help="query disco#info of JID; report features and its caps")
    p.add_argument("--subscribe", metavar="JID", help="first subscribe to JID's presence and wait for approval")
    p.add_argument("--jmi", action="store_true", help="caller: XEP-0353 propose to the bare JID first")
    p.add_argument("--no-jmi", action="store_true", help="do not advertise urn:xmpp:jingle-message:0")
    p.add_argument("--cancel-after", type=float, metavar="SECONDS",
                   help="caller: give up (retract / session-terminate cancel) if not answered in SECONDS")
    p.add_argument("--trickle", action="store_true", help="caller: send candidates in transport-info, not in the initiate")
    p.add_argument("--answer-delay", type=float, default=0.5, help="callee: seconds of ringing before answering")
    p.add_argument("--dtls-setup", choices=("active", "passive"), default="active", help="callee: DTLS role in the answer")
    p.add_argument("--codecs", metavar="LIST", help="offer/accept only these, e.g. PCMU or opus,PCMA (default opus,PCMU,PCMA)")
    p.add_argument("--tone", type=float, default=440.0, help="frequency (Hz) of the sine we send; 0 = silence")
    p.add_argument("--hangup-after", type=float, metavar="SECONDS", help="send session-terminate (success) SECONDS after media is up")
    p.add_argument("--no-dtmf-events", action="store_true",
                   help="callee: accept no telephone-event (RFC 4733) payload")
    p.add_argument("--bad-input", type=float, metavar="SECONDS",
                   help="SECONDS after media is up, send a session-terminate for an unknown sid and a second session-accept")
    p.add_argument("--hold-after", type=float, metavar="SECONDS", help="send session-info hold SECONDS after media is up")
    p.add_argument("--hold-duration", type=float, default=2.0, help="seconds until unhold (default 2)")
    p.add_argument("--early-media", action="store_true",
                   help="caller: start media on a transport-info with a fingerprint before session-accept")
    p.add_argument("--mute-after", type=float, metavar="SECONDS",
                   help="send session-info mute SECONDS after media is up (the tone keeps playing)")
    p.add_argument("--mute-duration", type=float, default=2.0, help="seconds until unmute (default 2)")
    p.add_argument("--modify-senders-after", type=float, metavar="SECONDS",
                   help="send content-modify senders=<our role> SECONDS after media is up, later senders=both")
    p.add_argument("--modify-duration", type=float, default=2.0, help="seconds until senders=both (default 2)")
    p.add_argument("--dtmf", metavar="DIGITS", help="send DIGITS as a chat message to the call's JID once media is up")
    p.add_argument("--dtmf-mode", choices=("chat", "rfc4733", "both"), default="chat",
                   help="chat message (default) and/or RFC 4733 events in their own RTP stream")
    p.add_argument("--dtmf-to", metavar="JID", help="send the DTMF chat message here instead")
    p.add_argument("--dtmf-delay", type=float, default=1.0, help="seconds after media is up before DTMF")
    p.add_argument("--ice-address", action="append", default=None, help="host candidate address (default 127.0.0.1; repeatable)")
    p.add_argument("--record", metavar="PATH", help="write what we received to PATH (16-bit mono WAV)")
    p.add_argument("--timeout", type=float, required=True, help="hard limit for the whole run (seconds)")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging (stanzas, SDP)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s " + (args.jid.split("@")[0]) + " %(name)s %(levelname)s %(message)s")
    if not args.verbose:
        for noisy in ("slixmpp", "aioice", "aiortc"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    use_ice_addresses(args.ice_address or ["127.0.0.1"])
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    peer = Peer(args)
    result = loop.run_until_complete(peer.run())
    _drain(loop)
    print(json.dumps(result), flush=True)
    return 0 if result["result"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
