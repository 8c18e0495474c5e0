import { SoftwareLicenseCreateInput, type SoftwareLicenseDto, SoftwareLicenseUpdateInput } from '@unyo/contracts';
import { Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { LicenseFormFields, type LicenseFormValues } from './license-form-fields.tsx';
import { createLicense, getLicense, updateLicense, useSoftwareMutation } from './software.api.ts';

const fieldNames = Object.keys(SoftwareLicenseCreateInput.shape);
/** The product list is edited as a whole: its item errors belong to the field. */
const aliases = { productIds: 'productIds' };

const toDay = (s: string | null) => (s ? dayjs(s) : null);

function toValues(l: SoftwareLicenseDto): LicenseFormValues {
  return {
    assetNumber: l.assetNumber,
    licenseType: l.licenseType,
    licenseForm: l.licenseForm,
    softwareName: l.softwareName,
    productIds: l.products.map((p) => p.id),
    usableEditions: l.usableEditions,
    usableVersions: l.usableVersions,
    usableLanguages: l.usableLanguages,
    licensedVersion: l.licensedVersion,
    downgradeAllowed: l.downgradeAllowed,
    ownedCount: l.ownedCount,
    manufacturer: l.manufacturer,
    certificateNumber: l.certificateNumber,
    storageLocation: l.storageLocation,
    acquiredOn: toDay(l.acquiredOn),
    approvalDocument: l.approvalDocument,
    unitPrice: l.unitPrice,
    totalCost: l.totalCost,
    contractAmount: l.contractAmount,
    conditions: l.conditions,
    upgradeValidUntil: toDay(l.upgradeValidUntil),
    renewalDate: toDay(l.renewalDate),
    upgradeFromAssetNumber: l.upgradeFrom?.assetNumber ?? null,
    boundDeviceAssetNumber: l.boundDevice?.assetNumber ?? null,
    procuredBy: l.procuredBy,
    vendorRegisteredOn: toDay(l.vendorRegisteredOn),
    note: l.note,
  };
}

type LicenseFormDrawerProps = {
  license?: SoftwareLicenseDto;
  onClose: () => void;
  onSaved?: (license: SoftwareLicenseDto) => void;
};

/** Create or edit one licence of the owned-licence ledger. */
export function LicenseFormDrawer({ license, onClose, onSaved }: LicenseFormDrawerProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LicenseFormValues>();
  const editor = useRecordEditor({ form, initial: license, load: getLicense, toValues });
  const { save, onFinish } = useRecordSave(editor, useSoftwareMutation, {
    createSchema: SoftwareLicenseCreateInput,
    updateSchema: SoftwareLicenseUpdateInput,
    create: createLicense,
    update: updateLicense,
    onClose,
    onSaved,
  });
  const current = editor.record;

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('swLicense.edit') : t('swLicense.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={820}
    >
      <ProblemAlert
        error={save.error}
        form={form}
        fields={fieldNames}
        fieldAliases={aliases}
        onReload={() => void editor.reload(() => save.reset())}
        reloading={editor.reloading}
      />
      <Form<LicenseFormValues>
        form={form}
        layout="vertical"
        initialValues={license ? toValues(license) : { licenseType: 'volume', licenseForm: 'full', productIds: [], downgradeAllowed: false }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="license-form"
      >
        <LicenseFormFields
          licenseId={current?.id}
          upgradeFromLabel={current?.upgradeFrom ? `${current.upgradeFrom.assetNumber} ${current.upgradeFrom.softwareName}` : undefined}
          boundDeviceLabel={current?.boundDevice ? `${current.boundDevice.assetNumber} ${current.boundDevice.name}` : undefined}
        />
      </Form>
    </FormDrawer>
  );
}
