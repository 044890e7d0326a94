export function PartnerHabilitationsTab({ partnerId: _partnerId }: { partnerId: string }) {
  return null;
}
