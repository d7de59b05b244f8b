# media module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/media/media.h src/media/session-private.h \
	src/media/session.c src/media/negotiate.c src/media/pipeline.c \
	src/media/codec.c src/media/codec.h \
	src/media/path.h src/media/path_rx.c src/media/path_tx.c \
	src/media/ice.c src/media/ice.h \
	src/media/rtpleg.c src/media/rtpleg.h
