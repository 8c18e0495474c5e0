import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

/** Same code read again within this time is one scan (a label stays in view for a while). */
const REPEAT_MS = 3000;

/**
 * Reads QR labels from the phone camera: the browser's BarcodeDetector where it exists, otherwise
 * jsQR on video frames drawn into a canvas.
 */
export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: number | undefined;
    const last = { code: '', at: 0 };
    const canvas = document.createElement('canvas');

    const emit = (code: string) => {
      const now = Date.now();
      if (code === last.code && now - last.at < REPEAT_MS) return;
      last.code = code;
      last.at = now;
      onCodeRef.current(code);
    };

    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const Ctor = (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
        const detector = Ctor ? new Ctor({ formats: ['qr_code'] }) : null;
        const jsQR = detector ? null : (await import('jsqr')).default;
        const tick = async () => {
          if (stopped || !video.current) return;
          const v = video.current;
          if (v.readyState >= 2 && v.videoWidth > 0) {
            if (detector) {
              const found = await detector.detect(v).catch(() => []);
              if (found[0]?.rawValue) emit(found[0].rawValue);
            } else if (jsQR) {
              canvas.width = v.videoWidth;
              canvas.height = v.videoHeight;
              const ctx = canvas.getContext('2d', { willReadFrequently: true });
              if (ctx) {
                ctx.drawImage(v, 0, 0);
                const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
                const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
                if (found?.data) emit(found.data);
              }
            }
          }
          timer = window.setTimeout(tick, 250);
        };
        void tick();
      } catch {
        setFailed(true);
      }
    })();

    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  if (failed) return <Alert type="warning" showIcon title={t('stocktake.scanCameraError')} />;
  return <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8 }} />;
}
