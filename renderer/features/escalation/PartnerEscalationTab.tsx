export function PartnerEscalationTab({ partnerId: _partnerId }: { partnerId: string }) {
  return null;
}
