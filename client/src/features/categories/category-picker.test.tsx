import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GetCategoryPageDocument } from './categories.generated';
import { CategoryPicker, PICKER_PAGE } from './category-picker';

const node = (name: string) => ({
  __typename: 'Category' as const,
  name,
  days: 240,
  firstDate: '2024-01-01',
  lastDate: '2024-08-27',
});
const page = {
  request: { query: GetCategoryPageDocument, variables: { search: null, first: PICKER_PAGE } },
  result: {
    data: {
      categoriesConnection: {
        __typename: 'CategoryConnection' as const,
        totalCount: 2,
        pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: 'Mg' },
        edges: [
          { __typename: 'CategoryEdge' as const, node: node('Beauty') },
          { __typename: 'CategoryEdge' as const, node: node('Clothing') },
        ],
      },
    },
  },
};

function renderPicker(value: string) {
  const onChange = vi.fn();
  const onPickAll = vi.fn();
  render(
    <MockedProvider mocks={[page]}>
      <CategoryPicker
        id="p"
        value={value}
        allLabel="All categories"
        onPickAll={onPickAll}
        onChange={onChange}
      />
    </MockedProvider>,
  );
  return { onChange, onPickAll, input: screen.getByRole('combobox', { name: 'Category' }) };
}

describe('CategoryPicker with an "all" entry', () => {
  it('should show the all label when no category is picked', () => {
    expect(renderPicker('').input).toHaveProperty('value', 'All categories');
  });

  it('should list the all entry first and pick it with the keyboard', async () => {
    const { input, onPickAll, onChange } = renderPicker('Beauty');
    fireEvent.focus(input);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All categories',
      'Beauty · 240 days',
      'Clothing · 240 days',
    ]);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPickAll).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('should pick the category after the all entry when moved past it', async () => {
    const { input, onChange } = renderPicker('');
    fireEvent.focus(input);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ name: 'Beauty' }));
    // The focus stays in the input with the list closed; a click opens it again.
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.click(input);
    expect(screen.getByRole('listbox')).toBeTruthy();
  });
});
