import { Modal, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = Pick<ModalProps, 'title' | 'okText' | 'onOk' | 'width' | 'okButtonProps'> & { onClose: () => void; pending: boolean; children: ReactNode };

/**
 * The dialog of a ticket action (escalate, resolve, record a call…): shown while mounted, Cancel closes it, OK shows
 * the save in progress, and its content is dropped on close so the next opening starts from the ticket's current state.
 */
export function TicketActionModal({ onClose, pending, children, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open onCancel={onClose} cancelText={t('common.cancel')} confirmLoading={pending} destroyOnHidden {...props}>
      {children}
    </Modal>
  );
}
