// Unmount what a test rendered (Testing Library's auto-cleanup needs test globals, which are off).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
