/* sip.h — the SIP side of the gateway: one sofia-sip user agent in the
 * GLib main loop, one SIP identity (account) per mapped user, calls with
 * SDP offer/answer given as text by the media layer.
 *
 * Ownership:
 * - jgw_sip_ua_new() returns a JgwSipUa the caller frees with
 *   jgw_sip_ua_free(), normally after jgw_sip_ua_shutdown() reported done.
 *   The JgwConfig passed in is borrowed and must outlive the UA.
 * - JgwSipCall objects belong to the UA. A call pointer stays valid until
 *   the `ended` event for it has returned; do not use it afterwards.
 * - Strings passed to event callbacks are valid only during the callback.
 * - Callbacks run on the thread-default main context of jgw_sip_ua_new()'s
 *   caller. They may call any jgw_sip_* function except jgw_sip_ua_free(). */
#pragma once

#include <glib.h>

#include "config.h"

G_BEGIN_DECLS

#define JGW_SIP_ERROR (jgw_sip_error_quark ())
GQuark jgw_sip_error_quark (void);

typedef enum {
  JGW_SIP_ERROR_INIT,     /* sofia could not start (bind, TLS files...) */
  JGW_SIP_ERROR_NO_TLS,   /* tls-listen set but sofia-sip has no TLS */
  JGW_SIP_ERROR_ARGUMENT, /* bad URI, unknown user, wrong call state */
  JGW_SIP_ERROR_SHUTDOWN, /* the UA is shutting down */
} JgwSipError;

typedef struct _JgwSipUa JgwSipUa;
typedef struct _JgwSipCall JgwSipCall;

typedef enum {
  JGW_SIP_REG_NONE,         /* no credentials: not registered */
  JGW_SIP_REG_REGISTERING,
  JGW_SIP_REG_REGISTERED,
  JGW_SIP_REG_FAILED,       /* last attempt failed; a retry is scheduled */
  JGW_SIP_REG_UNREGISTERED, /* after shutdown or account removal */
} JgwSipRegState;

typedef struct {
  JgwSipRegState state;
  guint status;             /* last SIP status (0 if none yet) */
  const char *phrase;       /* last reason phrase, or "" */
  guint expires;            /* granted lifetime (s) when registered */
} JgwSipRegistration;

/* Media direction of an SDP body (the first audio stream's, or session). */
typedef enum {
  JGW_SIP_DIR_SENDRECV,
  JGW_SIP_DIR_SENDONLY,
  JGW_SIP_DIR_RECVONLY,
  JGW_SIP_DIR_INACTIVE,
} JgwSipDirection;

typedef struct {
  const char *jid;          /* the mapped user who is called */
  const char *caller_uri;   /* From URI, e.g. sip:+4930123@example.com */
  const char *caller_user;  /* user part (the number for phone callers) */
  const char *caller_host;
  const char *display_name; /* From display name, or NULL */
  const char *sdp_offer;    /* or NULL for an offerless INVITE */
  const char *target_user;  /* Request-URI user */
  gboolean claimed;         /* taken by `claim`: JID is the Request-URI user, no account */
} JgwSipIncoming;

typedef struct {
  /** A user's registration changed state (each success, failure, refresh). */
  void (*registration) (JgwSipUa *ua, const char *jid, const JgwSipRegistration *reg, gpointer user_data);
  /** Before ringing: return 0 to accept, else the status to refuse with
   * (486 busy / DND, 480 no client...). NULL = always accept. */
  guint (*incoming_policy) (JgwSipUa *ua, const char *jid, gpointer user_data);
  /** An INVITE whose Request-URI user (RURI_USER) matches no account:
   * return TRUE to take it anyway (`incoming` follows with info->claimed,
   * no policy check); NULL or FALSE = 404. */
  gboolean (*claim) (JgwSipUa *ua, const char *ruri_user, gpointer user_data);
  /** A new incoming call for a mapped user; answer with
   * jgw_sip_call_ring/answer/reject. */
  void (*incoming) (JgwSipUa *ua, JgwSipCall *call, const JgwSipIncoming *info, gpointer user_data);
  /** Outgoing call progress: 100/180/183; EARLY_SDP for early media or NULL. */
  void (*progress) (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase,
                    const char *early_sdp, gpointer user_data);
  /** The call is established: outgoing got 200 (ANSWER_SDP = the far end's
   * answer) or incoming got its ACK (ANSWER_SDP = the SDP answer the ACK
   * carries after an offerless INVITE, else NULL). */
  void (*established) (JgwSipUa *ua, JgwSipCall *call, const char *answer_sdp, gpointer user_data);
  /** The far end sent a re-INVITE (hold/unhold/refresh). DIR is what the
   * far end asks for. Return the SDP to answer with (transfer full), or
   * NULL to refuse it with 488. NULL callback = refused with 488. */
  char *(*update) (JgwSipUa *ua, JgwSipCall *call, JgwSipDirection dir, const char *sdp_offer,
                   gpointer user_data);
  /** Result of our jgw_sip_call_update(): status and the far end's answer. */
  void (*update_result) (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase,
                         const char *answer_sdp, gpointer user_data);
  /** A DTMF digit received via SIP INFO (0-9 * # A-D), duration in ms. */
  void (*dtmf) (JgwSipUa *ua, JgwSipCall *call, char digit, guint duration_ms, gpointer user_data);
  /** The far end asks us to transfer (REFER) to TARGET; report the outcome
   * with jgw_sip_call_refer_notify(). */
  void (*refer) (JgwSipUa *ua, JgwSipCall *call, const char *target, gpointer user_data);
  /** Progress of our jgw_sip_call_transfer(): the sipfrag status the
   * transferee reports (or the REFER's own failure status). */
  void (*transfer_progress) (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase,
                             gpointer user_data);
  /** The call is over (failure status, 487 cancelled, BYE = 200...).
   * BY_REMOTE: the far end ended it. The call is freed after this returns. */
  void (*ended) (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase,
                 gboolean by_remote, gpointer user_data);
} JgwSipEvents;

typedef void (*JgwSipDoneFunc) (JgwSipUa *ua, gpointer user_data);

/** Start the UA on CONFIG's [sip] section with one account per [user:*]. */
JgwSipUa *jgw_sip_ua_new (const JgwConfig *config, const JgwSipEvents *events,
                          gpointer user_data, GError **error);
/** Unregister everyone, end all calls, stop sofia; DONE runs afterwards. */
void jgw_sip_ua_shutdown (JgwSipUa *ua, JgwSipDoneFunc done, gpointer user_data);
/** Free the UA (after shutdown completed, or at once as a last resort). */
void jgw_sip_ua_free (JgwSipUa *ua);
/** The local UDP/TCP port actually bound. */
guint16 jgw_sip_ua_port (JgwSipUa *ua);

/** Add an account at run time (copied); registers it if it has credentials. */
gboolean jgw_sip_ua_add_account (JgwSipUa *ua, const JgwUserConfig *user, GError **error);
/** Remove an account: unregisters it; FALSE if unknown. */
gboolean jgw_sip_ua_remove_account (JgwSipUa *ua, const char *jid);
/** Current registration of JID; FALSE if JID has no account. */
gboolean jgw_sip_ua_get_registration (JgwSipUa *ua, const char *jid, JgwSipRegistration *out);

/** Place a call from JID's identity to TARGET (a SIP URI) with SDP_OFFER. */
JgwSipCall *jgw_sip_call_new (JgwSipUa *ua, const char *jid, const char *target,
                              const char *sdp_offer, GError **error);
/** Incoming call: send 180 Ringing. */
gboolean jgw_sip_call_ring (JgwSipCall *call, GError **error);
/** Incoming call: answer 200 with SDP. */
gboolean jgw_sip_call_answer (JgwSipCall *call, const char *sdp, GError **error);
/** Incoming call: refuse with STATUS (486, 603, 480...). */
gboolean jgw_sip_call_reject (JgwSipCall *call, guint status, GError **error);
/** Incoming call: refuse with STATUS and a Retry-After of RETRY_AFTER
 * seconds (503/480 while a directory the call depends on is down). */
gboolean jgw_sip_call_reject_retry (JgwSipCall *call, guint status, guint retry_after, GError **error);
/** Incoming call: redirect with 302 and CONTACT (a SIP URI) as the target
 * (call forwarding; call_redirect.c). */
gboolean jgw_sip_call_redirect (JgwSipCall *call, const char *contact, GError **error);
/** Incoming call: answer 480 after SECONDS of ringing instead of [calls] ring-time. */
void jgw_sip_call_set_ring_time (JgwSipCall *call, guint seconds);
/** End the call in whatever state: CANCEL, BYE or 480. */
void jgw_sip_call_hangup (JgwSipCall *call);
/** Send a re-INVITE with SDP (hold: sendonly/inactive; unhold: sendrecv). */
gboolean jgw_sip_call_update (JgwSipCall *call, const char *sdp, GError **error);
/** Blind transfer: REFER the far end to TARGET. */
gboolean jgw_sip_call_transfer (JgwSipCall *call, const char *target, GError **error);
/** Report progress of a received REFER (NOTIFY with a sipfrag). Final
 * statuses (>= 200) end the subscription. */
gboolean jgw_sip_call_refer_notify (JgwSipCall *call, guint status, GError **error);
/** Send one DTMF digit as SIP INFO (application/dtmf-relay). */
gboolean jgw_sip_call_send_dtmf (JgwSipCall *call, char digit, guint duration_ms, GError **error);

/** The SIP Call-ID (transfer none). */
const char *jgw_sip_call_get_id (JgwSipCall *call);
/** The mapped user's bare JID (transfer none). */
const char *jgw_sip_call_get_jid (JgwSipCall *call);
gboolean jgw_sip_call_is_incoming (JgwSipCall *call);
/** Send CALL's events to EVENTS with USER_DATA instead of the UA's (an
 * owner other than the call layer, e.g. a conference); NULL = the UA's.
 * EVENTS must outlive the call or be reset. */
void jgw_sip_call_set_events (JgwSipCall *call, const JgwSipEvents *events, gpointer user_data);
/** Owner data attached to the call (not freed by the UA). */
void jgw_sip_call_set_data (JgwSipCall *call, gpointer data);
gpointer jgw_sip_call_get_data (JgwSipCall *call);

/** Human-readable text for a SIP status code ("Busy Here"). */
const char *jgw_sip_status_phrase (guint status);
/** "idle", "registering"... for logs and the status command. */
const char *jgw_sip_reg_state_name (JgwSipRegState state);

/* --- event subscriptions (RFC 6665): subscribe.c --- */

typedef struct _JgwSipSubscription JgwSipSubscription;
/** A NOTIFY with a body arrived (nua has answered it 200); CONTENT_TYPE may be NULL. */
typedef void (*JgwSipNotifyFunc) (JgwSipSubscription *sub, const char *content_type, const char *body,
                                  gpointer user_data);
/** The SUBSCRIBE (or a refresh) got its final STATUS; >= 300 means no NOTIFYs will come. */
typedef void (*JgwSipSubscribeFunc) (JgwSipSubscription *sub, guint status, const char *phrase,
                                     gpointer user_data);

/** Subscribe from JID's SIP identity to EVENT ("message-summary", "dialog")
 * of TARGET (a SIP URI), asking for ACCEPT bodies, for EXPIRES seconds (nua
 * refreshes it). The subscription belongs to the UA; end it with
 * jgw_sip_unsubscribe() (callbacks stop at once). At UA shutdown, every
 * subscription left is ended by sofia (SUBSCRIBE Expires: 0). */
JgwSipSubscription *jgw_sip_subscribe (JgwSipUa *ua, const char *jid, const char *target,
                                       const char *event, const char *accept, guint expires,
                                       JgwSipNotifyFunc notify, JgwSipSubscribeFunc status,
                                       gpointer user_data, GError **error);
/** Unsubscribe (SUBSCRIBE Expires: 0); SUB must not be used afterwards. NULL is ignored. */
void jgw_sip_unsubscribe (JgwSipSubscription *sub);
/** The subscribing user's bare JID (transfer none). */
const char *jgw_sip_subscription_get_jid (JgwSipSubscription *sub);

G_END_DECLS
