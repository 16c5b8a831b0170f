import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Empty, ErrorState, Loading } from './states';

const apiDown = new CombinedGraphQLErrors({
  errors: [
    { message: 'The API at http://127.0.0.1:4000 is unreachable.', extensions: { code: 'API_UNREACHABLE' } },
  ],
});

describe('states', () => {
  it('should announce loading politely', () => {
    render(<Loading label="Loading runs…" />);
    expect(screen.getByRole('status').textContent).toContain('Loading runs…');
  });

  it('should say the API is down and retry when the button is pressed', () => {
    const onRetry = vi.fn();
    render(<ErrorState error={apiDown} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The API is not reachable');
    expect(alert.textContent).toContain('npm start');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('should show a plain error without a retry button when none is given', () => {
    render(<ErrorState error={new Error('boom')} />);
    expect(screen.getByRole('alert').textContent).toContain('boom');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('should render the empty message', () => {
    render(<Empty>No run yet.</Empty>);
    expect(screen.getByText('No run yet.')).toBeTruthy();
  });
});
