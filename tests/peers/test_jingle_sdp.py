#!/usr/bin/python3
"""Unit tests of the peer's own Jingle <-> SDP conversion (no network).

Run: /usr/bin/python3 tests/peers/test_jingle_sdp.py
"""

import os
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jingle_sdp as js  # noqa: E402

INITIATE = """
<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1' initiator='romeo@example/a'>
  <content creator='initiator' name='voice' senders='both'>
    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
      <payload-type id='111' name='opus' clockrate='48000' channels='2'>
        <parameter name='useinbandfec' value='1'/>
        <parameter name='minptime' value='10'/>
        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>
      </payload-type>
      <payload-type id='0' name='PCMU' clockrate='8000'/>
      <payload-type id='101' name='telephone-event' clockrate='8000'/>
      <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>
      <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1234'>
        <parameter name='cname' value='abc'/>
      </source>
      <rtcp-mux/>
    </description>
    <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='asd88fgpdd777uzjYhagZg'>
      <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>AA:BB:CC</fingerprint>
      <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='127.0.0.1'
                 network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>
      <candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3'
                 network='1' port='45664' priority='1694498815' protocol='udp'
                 rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>
    </transport>
  </content>
  <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='voice'/></group>
</jingle>
"""


class JingleToSdp(unittest.TestCase):
    def setUp(self):
        self.session = js.session_from_jingle(ET.fromstring(INITIATE))
        self.sdp = js.session_to_sdp(self.session, "offer", "initiator")

    def test_media_line_lists_payloads_in_order(self):
        self.assertIn("m=audio 9 UDP/TLS/RTP/SAVPF 111 0 101\r\n", self.sdp)

    def test_payload_attributes(self):
        for line in ("a=rtpmap:111 opus/48000/2", "a=fmtp:111 useinbandfec=1;minptime=10",
                     "a=rtcp-fb:111 transport-cc", "a=rtpmap:0 PCMU/8000",
                     "a=rtpmap:101 telephone-event/8000", "a=rtcp-mux",
                     "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=ssrc:1234 cname:abc",
                     "a=group:BUNDLE voice", "a=mid:voice", "a=sendrecv"):
            self.assertIn(line + "\r\n", self.sdp)

    def test_transport(self):
        for line in ("a=ice-ufrag:8hhy", "a=ice-pwd:asd88fgpdd777uzjYhagZg",
                     "a=fingerprint:sha-256 AA:BB:CC", "a=setup:actpass",
                     "a=candidate:1 1 UDP 2130706431 127.0.0.1 8998 typ host",
                     "a=candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998"):
            self.assertIn(line + "\r\n", self.sdp)

    def test_round_trip_back_to_jingle(self):
        again = js.sdp_to_session(self.sdp)
        el = js.jingle_element("session-accept", "s1")
        js.session_to_jingle(el, again)
        back = js.session_from_jingle(el)
        c0, c1 = self.session.contents[0], back.contents[0]
        self.assertEqual([(p.id, p.name, p.clockrate, p.channels, p.params) for p in c0.payloads],
                         [(p.id, p.name, p.clockrate, p.channels, p.params) for p in c1.payloads])
        self.assertEqual((c0.ufrag, c0.pwd, c0.fp_value, c0.fp_setup), (c1.ufrag, c1.pwd, c1.fp_value, c1.fp_setup))
        self.assertEqual([(c.ip, c.port, c.type, c.rel_addr) for c in c0.candidates],
                         [(c.ip, c.port, c.type, c.rel_addr) for c in c1.candidates])
        self.assertTrue(c1.rtcp_mux)
        self.assertEqual(back.bundle, ["voice"])


class Directions(unittest.TestCase):
    def test_senders_and_directions_are_inverse(self):
        for role in ("initiator", "responder"):
            for d in ("sendrecv", "sendonly", "recvonly", "inactive"):
                self.assertEqual(js.direction_from_senders(js.senders_from_direction(d, role), role), d)


class BadInput(unittest.TestCase):
    def test_content_without_transport_is_refused(self):
        el = ET.fromstring("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='x'>"
                           "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1'"
                           " media='audio'/></content></jingle>")
        with self.assertRaises(ValueError):
            js.session_from_jingle(el)

    def test_no_content_is_refused(self):
        with self.assertRaises(ValueError):
            js.session_from_jingle(ET.fromstring("<jingle xmlns='urn:xmpp:jingle:1' sid='x'/>"))

    def test_reason(self):
        r = ET.Element("x")
        r.append(js.reason_element("busy", "Busy"))
        self.assertEqual(js.reason_condition(r), "busy")


if __name__ == "__main__":
    unittest.main()
