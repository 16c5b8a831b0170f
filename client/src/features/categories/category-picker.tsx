'use client';
/**
 * The category picker for catalogues of thousands (explorer, models, predict, train, runs): a combobox whose
 * list searches the API (`categoriesConnection`, debounced) a page at a time, with "Show more" for the next
 * page. Keyboard: type to search, arrows to move, Enter to pick, Escape to close (picker-keys.ts). The input
 * shows the picked name while closed. With `allLabel` (a filter), the list starts with that entry while no
 * search is typed, and picking it calls `onPickAll`; an empty `value` then shows `allLabel`.
 */
import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { describeError } from '@/lib/errors';
import { GetCategoryPageDocument, type GetCategoryPageQuery } from './categories.generated';
import { pickerKey } from './picker-keys';
import { useDebounced } from './use-debounced';

export type PickedCategory = GetCategoryPageQuery['categoriesConnection']['edges'][number]['node'];

/** Options per page. */
export const PICKER_PAGE = 20;

export function CategoryPicker({
  id,
  value,
  onChange,
  label = 'Category',
  allLabel,
  onPickAll,
  placeholder = 'Search categories',
}: {
  id: string;
  /** The picked name ('' for none). */
  value: string;
  onChange: (category: PickedCategory) => void;
  label?: string;
  /** A first entry meaning "no category" (e.g. "All categories"). */
  allLabel?: string;
  onPickAll?: () => void;
  placeholder?: string;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const search = useDebounced(text.trim(), 250);
  const page = useQuery(GetCategoryPageDocument, {
    variables: { search: search || null, first: PICKER_PAGE },
    skip: !open,
  });
  const connection = page.data?.categoriesConnection ?? page.previousData?.categoriesConnection;
  const options = connection?.edges.map((e) => e.node) ?? [];
  // The "all" entry is option 0 when shown; category options follow it.
  const allShown = allLabel !== undefined && !text.trim();
  const first = allShown ? 1 : 0;
  const close = () => {
    setOpen(false);
    setActive(-1);
    setText('');
  };
  const pick = (category: PickedCategory) => {
    onChange(category);
    close();
  };
  const pickAt = (index: number) => {
    if (index < first) {
      onPickAll?.();
      close();
    } else pick(options[index - first]!);
  };
  const more = () =>
    void page.fetchMore({
      variables: { after: connection?.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        categoriesConnection: {
          ...fetchMoreResult.categoriesConnection,
          edges: [...prev.categoriesConnection.edges, ...fetchMoreResult.categoriesConnection.edges],
        },
      }),
    });
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        placeholder={placeholder}
        value={open ? text : value || (allLabel ?? '')}
        onFocus={() => setOpen(true)}
        // A pick leaves the focus here with the list closed: a click must open it again.
        onClick={() => setOpen(true)}
        onBlur={close}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={(e) => {
          const action = pickerKey(e.key, active, first + options.length);
          if (action.kind === 'none') return;
          e.preventDefault();
          if (action.kind === 'close') close();
          else if (action.kind === 'move') {
            setOpen(true);
            setActive(action.index);
            document.getElementById(optionId(action.index))?.scrollIntoView({ block: 'nearest' });
          } else pickAt(action.index);
        }}
      />
      {open && (
        <div className="picker-popup">
          <ul id={listId} role="listbox" aria-label={`${label} options`}>
            {allShown && (
              <li
                id={optionId(0)}
                role="option"
                aria-selected={active === 0}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pickAt(0);
                }}
              >
                {allLabel}
              </li>
            )}
            {options.map((c, i) => (
              <li
                key={c.name}
                id={optionId(first + i)}
                role="option"
                aria-selected={first + i === active}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(c);
                }}
              >
                {c.name}
                <span className="hint"> · {c.days} days</span>
              </li>
            ))}
          </ul>
          <p className="hint picker-status" aria-live="polite">
            {page.error
              ? describeError(page.error)
              : page.loading && !options.length
                ? 'Searching…'
                : !options.length
                  ? `No category matches “${search}”.`
                  : `${options.length} of ${connection?.totalCount ?? options.length}`}
          </p>
          {connection?.pageInfo.hasNextPage && (
            <button
              type="button"
              className="secondary"
              onMouseDown={(e) => e.preventDefault()}
              onClick={more}
            >
              Show more
            </button>
          )}
        </div>
      )}
    </div>
  );
}
