/* call_rules.h — a user's call rules applied to incoming SIP calls: do not
 * disturb, call waiting and the four kinds of call forwarding (settings in
 * the store, JgwUserSettings). Forwarding redirects the caller with 302 and
 * the target as Contact, so the caller's side places the call to the target. */
#pragma once

#include "call/call_private.h"

/** Makes the (not yet ringing) call for INFO, with caller details set. */
typedef JgwCall *(*JgwCallRulesMake) (JgwCalls *calls, const JgwSipIncoming *info);
/** Before ringing: forward (302) or refuse (486/480) SIP if a rule says so,
 * recording the call made by MAKE as forwarded or refused; TRUE if done so
 * (nothing more to do), FALSE if the call is to ring. */
gboolean jgw_call_rules_screen (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info, JgwCallRulesMake make);
/** Seconds CALL rings before no-answer handling (the user's no-answer
 * forward ring time, else [calls] ring-time); also sets the SIP leg's timer. */
guint jgw_call_rules_ring_time (JgwCall *call);
/** The ring time is over: forward on no answer if set; TRUE if done so. */
gboolean jgw_call_rules_no_answer (JgwCall *call);
