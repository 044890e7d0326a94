/** Dashboard card: overdue follow-ups (filled in by the escalation feature). */
export function OverdueFollowUpsCard() {
  return null;
}
