# sip module: sources into src/libjgw.la, its tests.
