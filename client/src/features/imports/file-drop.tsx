'use client';
/**
 * The CSV chooser of the Import page: a labelled file input inside a zone that also takes a dropped file
 * (keyboard and screen-reader users use the input; dragging is an extra). Props in.
 */
import { useState } from 'react';

export function FileDrop({
  file,
  onFile,
  disabled,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const dropped = e.dataTransfer.files[0];
        if (!disabled && dropped) onFile(dropped);
      }}
    >
      <label htmlFor="import-file">Sales CSV</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <p className="hint">
        {file
          ? `${file.name} · ${new Intl.NumberFormat('en-US').format(file.size)} bytes`
          : 'Choose a file or drop it here. Columns as in config.yaml (date, category, amount).'}
      </p>
    </div>
  );
}
