# identity module: sources into src/libjgw.la, its tests.
