/** A labelled category <select>; optional "All" entry for filters. */
export function CategorySelect({
  id,
  categories,
  value,
  onChange,
  allLabel,
  label = 'Category',
}: {
  id: string;
  categories: readonly { name: string }[];
  value: string;
  onChange: (name: string) => void;
  allLabel?: string;
  label?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {categories.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
