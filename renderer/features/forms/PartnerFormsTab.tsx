export function PartnerFormsTab({ partnerId: _partnerId }: { partnerId: string }) {
  return null;
}
