// Change a claimed author's profile settings (null leaves a setting as it is).
// Parameters: $authorId, $openToCollaborate, $invitePolicy, $hiddenFields, $shownAffiliationId,
//   $clearShownAffiliation (bool). Returns: authorId (no row when the author is not claimed).
MATCH (c:Claim {authorId: $authorId})
SET c.openToCollaborate = coalesce($openToCollaborate, c.openToCollaborate),
  c.invitePolicy = coalesce($invitePolicy, c.invitePolicy),
  c.hiddenFields = coalesce($hiddenFields, c.hiddenFields),
  c.shownAffiliationId = CASE
    WHEN $clearShownAffiliation THEN null
    ELSE coalesce($shownAffiliationId, c.shownAffiliationId)
  END
RETURN c.authorId AS authorId
