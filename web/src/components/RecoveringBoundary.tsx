import { Component, type ReactNode } from 'react';

/**
 * For an unattended screen: if rendering ever fails, say so and load the page again after a
 * while, rather than leave a blank wall until someone climbs up to it.
 */
export class RecoveringBoundary extends Component<
  { children: ReactNode; message: string; reloadAfterMs?: number },
  { failed: boolean }
> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch() {
    this.timer = setTimeout(() => window.location.reload(), this.props.reloadAfterMs ?? 30_000);
  }

  override componentWillUnmount() {
    clearTimeout(this.timer);
  }

  override render() {
    return this.state.failed ? <p role="alert">{this.props.message}</p> : this.props.children;
  }
}
