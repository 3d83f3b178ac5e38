import { Component, type ReactNode } from 'react';

interface ChartErrorBoundaryProps {
  /** Renders the message shown in place of the chart. */
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

/**
 * Keeps a chart that fails to load or draw from taking the whole window down with it, so the
 * figures as text below the chart stay readable.
 */
export class ChartErrorBoundary extends Component<ChartErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
