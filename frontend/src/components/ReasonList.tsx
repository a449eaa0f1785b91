/** A match's explanation (already in the request language) as a list of short reasons. */
export function ReasonList({ explanation }: { explanation: string }) {
  const parts = explanation.split(" · ").filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <ul className="reasons" data-testid="match-reasons">
      {parts.map((part) => (
        <li key={part}>{part}</li>
      ))}
    </ul>
  );
}
