"""The call scenarios of the test peer: caller (direct or XEP-0353) and callee."""

import asyncio
import logging
import uuid
import xml.etree.ElementTree as ET

import slixmpp
from aiortc import RTCSessionDescription

import jingle_sdp as js
from peer_call import Call, PeerError, first, first_codec, telephone_event_pt

log = logging.getLogger("peer")

TELEPHONE_EVENT_PT = 101


class Scenarios:
    """Mixed into Peer: uses its event(), send_jingle(), send_jmi(), hangup(), media helpers."""

    # ------------------------------------------------------------ caller

    async def place_call(self) -> None:
        a = self.args
        target = a.call
        sid = str(uuid.uuid4())
        if a.jmi:
            target = await self._jmi_propose(sid, slixmpp.JID(target).bare)
            if target is None:
                return
        call = Call(sid, target, "initiator", a.jmi)
        self.call = call
        self.new_pc(call)
        call.pc.addTrack(call.tone)
        self.prefer_codecs(call)
        offer = await call.pc.createOffer()
        await call.pc.setLocalDescription(offer)
        log.debug("local offer SDP:\n%s", call.pc.localDescription.sdp)
        # Content name = SDP mid: aiortc also puts the mid into every RTP
        # packet (sdes:mid header extension), so the two must agree.
        names = {m.name: m.name for m in js.sdp_to_session(call.pc.localDescription.sdp).contents}
        call.name_of = names
        call.mid_of = {v: k for k, v in names.items()}
        session = self.local_session(call)
        for c in session.contents:
            if not any(p.name.lower() == "telephone-event" for p in c.payloads):
                c.payloads.append(js.Payload(id=TELEPHONE_EVENT_PT, name="telephone-event", clockrate=8000))
        trickled = []
        if a.trickle:
            trickled = [(c, c.candidates) for c in session.contents]
            for c in session.contents:
                c.candidates = []
        jingle = js.jingle_element("session-initiate", sid, initiator=self.xmpp.boundjid.full)
        js.session_to_jingle(jingle, session)
        await self.send_jingle(call, jingle, "session-initiate-sent")
        for c, cands in trickled:
            await self._send_candidates(call, c, cands)
        waits = [call.accepted.wait(), call.ended.wait()]
        if a.cancel_after is not None:
            waits.append(asyncio.sleep(a.cancel_after))
        await first(*waits)
        if not call.accepted.is_set() and not call.ended.is_set():
            await self.hangup(call, "cancel")
            return
        await self.media_phase(call)

    async def _send_candidates(self, call: Call, c: js.Content, cands) -> None:
        jingle = js.jingle_element("transport-info", call.sid)
        content = ET.SubElement(jingle, js.q(js.NS_JINGLE, "content"))
        content.set("creator", "initiator")
        content.set("name", c.name)
        tr = ET.SubElement(content, js.q(js.NS_ICE, "transport"))
        tr.set("ufrag", c.ufrag)
        tr.set("pwd", c.pwd)
        for cand in cands:
            js.candidate_to_xml(tr, cand)
        await self.send_jingle(call, jingle, "transport-info-sent")

    async def _jmi_propose(self, sid: str, bare: str):
        """XEP-0353 as initiator; returns the full JID that proceeded, or None."""
        self.send_jmi(bare, "propose", sid)
        if self.args.cancel_after is None:
            return await self._jmi_wait_proceed(sid)
        try:
            return await asyncio.wait_for(self._jmi_wait_proceed(sid), self.args.cancel_after)
        except asyncio.TimeoutError:
            self.terminate_reason = "cancel"
            self.send_jmi(bare, "retract", sid, "cancel")
            return None

    async def _jmi_wait_proceed(self, sid: str):
        while True:
            tag, ident, frm, reason = await self.jmi.get()
            if ident != sid:
                continue
            if tag == "proceed":
                return frm
            if tag in ("reject", "retract", "finish"):
                self.terminate_reason = reason
                return None

    # ------------------------------------------------------------ callee

    async def answer_calls(self) -> None:
        a = self.args
        kind, sid, frm, _, el = await self.offers.get()
        jmi = kind == "propose"
        if jmi:
            if a.reject or a.busy:
                self.terminate_reason = "busy" if a.busy else "decline"
                self.send_jmi(frm, "reject", sid, self.terminate_reason)
                return
            self.send_jmi(frm, "ringing", sid)
            if a.no_answer:
                await self._wait_jmi_end(sid)
                return
            try:  # the caller may retract while we ring
                await asyncio.wait_for(self._wait_jmi_end(sid), a.answer_delay)
                return
            except asyncio.TimeoutError:
                pass
            self.proceeded.add(sid)
            self.send_jmi(frm, "proceed", sid)
            while True:
                kind, isid, ifrm, _, el = await self.offers.get()
                if kind == "initiate" and isid == sid:
                    frm = ifrm
                    break
                log.warning("ignoring %s %s while waiting for session-initiate %s", kind, isid, sid)
        call = self.call
        if not jmi:
            if a.reject or a.busy:
                call.jmi = False
                await self.hangup(call, "busy" if a.busy else "decline")
                return
            jingle = js.jingle_element("session-info", sid)
            ET.SubElement(jingle, js.q(js.NS_RTP_INFO, "ringing"))
            await self.send_jingle(call, jingle, "session-info-sent:ringing")
            if a.no_answer:
                await call.ended.wait()
                return
            await first(asyncio.sleep(a.answer_delay), call.ended.wait())
            if call.ended.is_set():
                return
        await self._accept(call, el)
        await self.media_phase(call)

    async def _wait_jmi_end(self, sid: str) -> None:
        while True:
            tag, ident, _, reason = await self.jmi.get()
            if ident == sid and tag in ("retract", "finish"):
                self.terminate_reason = reason
                return

    async def _accept(self, call: Call, jingle: ET.Element) -> None:
        try:
            session = js.session_from_jingle(jingle)
            for c in session.contents:
                if not c.fp_value:
                    raise ValueError("content %r has no DTLS fingerprint (XEP-0320); aiortc needs DTLS-SRTP" % c.name)
                if not (c.ufrag and c.pwd):
                    raise ValueError("content %r has no ICE ufrag/pwd" % c.name)
        except (ValueError, KeyError) as e:
            log.error("unusable session-initiate: %s", e)
            await self.hangup(call, "failed-application")
            raise PeerError("unusable session-initiate: %s" % e)
        call.name_of = {c.name: c.name for c in session.contents}
        call.mid_of = dict(call.name_of)
        # --no-dtmf-events: answer without telephone-event, like clients without a keypad.
        call.te_pt = None if self.args.no_dtmf_events else telephone_event_pt(session)
        sdp = js.session_to_sdp(session, "offer", "initiator")
        log.debug("remote offer SDP:\n%s", sdp)
        self.new_pc(call)
        try:
            # aiortc applies codec preferences when the offer is set, and pairs
            # an unassigned transceiver of the same kind with the offered m-line.
            call.pc.addTrack(call.tone)
            self.prefer_codecs(call)
            await call.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
            if self.args.dtls_setup == "passive":
                for t in call.pc.getTransceivers():
                    t._transport._set_role("server")  # aiortc answers 'active' unless told otherwise
            answer = await call.pc.createAnswer()
            await call.pc.setLocalDescription(answer)
        except Exception as e:
            log.error("aiortc refused the offer: %s", e)
            await self.hangup(call, "failed-application")
            raise PeerError("offer refused by aiortc: %s" % e)
        log.debug("local answer SDP:\n%s", call.pc.localDescription.sdp)
        local = self.local_session(call)
        if call.te_pt is not None:
            # aiortc knows no telephone-event; accept it ourselves (peer_dtmf handles it).
            for c in local.contents:
                c.payloads.append(js.Payload(id=call.te_pt, name="telephone-event", clockrate=8000))
        call.codec = first_codec(local)
        out = js.jingle_element("session-accept", call.sid, responder=self.xmpp.boundjid.full)
        js.session_to_jingle(out, local)
        await self._remote_ready(call)
        await self.send_jingle(call, out, "session-accept-sent")

    # ------------------------------------------------------------ presence and discovery

    async def subscribe(self, jid: str) -> None:
        """Ask for JID's presence and wait until it approves."""
        bare = slixmpp.JID(jid).bare
        approved = asyncio.Event()
        self.xmpp.add_event_handler("presence_subscribed",
                                    lambda p: approved.set() if p["from"].bare == bare else None)
        self.xmpp.send_presence_subscription(pto=bare)
        self.event("subscribe-sent")
        await approved.wait()
        self.event("subscribed")

    async def disco(self, jid: str) -> None:
        """disco#info of JID into the result; wait for its caps if it shares presence with us."""
        info = await self.xmpp["xep_0030"].get_info(jid=jid, timeout=10, local=False, cached=False)
        q = info["disco_info"]
        self.extra["features"] = sorted(q["features"])
        self.extra["identities"] = [list(i) for i in q["identities"]]
        self.event("disco-info")
        if self.args.subscribe:
            await self.caps_seen.wait()
