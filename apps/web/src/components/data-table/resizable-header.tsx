import type { CSSProperties, KeyboardEvent, PointerEvent, ThHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

export type ResizeProps = {
  /** Current width in pixels; absent on columns that cannot be resized. */
  resizeWidth?: number;
  onResize?: (width: number, done: boolean) => void;
};

const handleStyle: CSSProperties = {
  position: 'absolute',
  top: 0,
  insetInlineEnd: -4,
  bottom: 0,
  width: 8,
  cursor: 'col-resize',
  zIndex: 2,
  touchAction: 'none',
};

const minWidth = 60;
const maxWidth = 1200;
const clamp = (w: number) => Math.round(Math.min(maxWidth, Math.max(minWidth, w)));

/**
 * Table heading with a drag handle on its right edge; the handle is also a keyboard-focusable
 * separator (← → change the width by 16 px).
 */
export function ResizableHeaderCell({ resizeWidth, onResize, children, style, ...rest }: ThHTMLAttributes<HTMLTableCellElement> & ResizeProps) {
  const { t } = useTranslation();
  if (!onResize || resizeWidth === undefined) {
    return (
      <th style={style} {...rest}>
        {children}
      </th>
    );
  }

  const onPointerDown = (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    let last = resizeWidth;
    const move = (ev: globalThis.PointerEvent) => {
      last = clamp(resizeWidth + ev.clientX - startX);
      onResize(last, false);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      onResize(last, true);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLSpanElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    onResize(clamp(resizeWidth + (e.key === 'ArrowRight' ? 16 : -16)), true);
  };

  return (
    <th style={{ ...style, position: 'relative' }} {...rest}>
      {children}
      {/* biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be dragged or hold focus; this is the ARIA window-splitter pattern. */}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-valuenow={resizeWidth}
        aria-valuemin={minWidth}
        aria-valuemax={maxWidth}
        aria-label={t('table.resizeColumn')}
        tabIndex={0}
        className="unyo-col-resize"
        style={handleStyle}
        onPointerDown={onPointerDown}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      />
    </th>
  );
}
