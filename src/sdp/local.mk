# SDP <-> media description conversion.
