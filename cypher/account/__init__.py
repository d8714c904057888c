"""Account queries: users, follows, claims, profile settings, invitations.

The social side of authors and their trust inputs are read with the counts: cypher/author/facts.cypher.
"""

from cypher import load

CREATE_USER = load("account/create_user")
GET_LOGIN = load("account/get_login")
GET_USERS_BY_IDS = load("account/get_users_by_ids")
SET_EMAIL_TOKEN = load("account/set_email_token")
VERIFY_EMAIL = load("account/verify_email")
FOLLOW_AUTHOR = load("account/follow_author")
UNFOLLOW_AUTHOR = load("account/unfollow_author")
FOLLOWING_PAGE = load("account/following_page")
CLAIM_STATE = load("account/claim_state")
CREATE_CLAIM = load("account/create_claim")
END_CLAIM = load("account/end_claim")
CLAIM_EVENTS = load("account/claim_events")
UPDATE_PROFILE = load("account/update_profile")
AUTHOR_INSTITUTIONS = load("account/author_institutions")
INVITE_STATE = load("account/invite_state")
CREATE_INVITATION = load("account/create_invitation")
GET_INVITATION = load("account/get_invitation")
RESPOND_INVITATION = load("account/respond_invitation")
LOCK_INVITATION = load("account/lock_invitation")
INVITATIONS_INBOX = load("account/invitations_inbox")
INVITATIONS_SENT = load("account/invitations_sent")
BLOCK_USER = load("account/block_user")
UNBLOCK_USER = load("account/unblock_user")
BUMP_SOCIAL_VERSION = load("account/bump_social_version")
LOCK_RATE_LIMITS = load("account/lock_rate_limits")
SAVE_RATE_LIMITS = load("account/save_rate_limits")
FIND_EXPIRED_RATE_LIMITS = load("account/find_expired_rate_limits")
DELETE_EXPIRED_RATE_LIMITS = load("account/delete_expired_rate_limits")
