import { HardwareAssetCreateInput, type HardwareAssetDto, HardwareAssetUpdateInput } from '@unyo/contracts';
import { Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { AssetFormFields, type AssetFormValues } from './asset-form-fields.tsx';
import { createAsset, getAsset, updateAsset, useAssetMutation } from './assets.api.ts';

const fieldNames = Object.keys(HardwareAssetCreateInput.shape);
/** Array and record fields are edited as a whole: their item errors belong to the field. */
const aliases = { ipAddresses: 'ipAddresses', macAddresses: 'macAddresses', attributes: 'attributes' };

const toDay = (s: string | null) => (s ? dayjs(s) : null);

function toValues(a: HardwareAssetDto): AssetFormValues {
  return {
    assetNumber: a.assetNumber,
    ledger: a.ledger,
    name: a.name,
    category: a.category,
    manufacturer: a.manufacturer,
    model: a.model,
    serialNumber: a.serialNumber,
    status: a.status,
    siteId: a.site.id,
    building: a.building,
    floor: a.floor,
    room: a.room,
    rack: a.rack,
    departmentId: a.department?.id ?? null,
    userId: a.user?.id ?? null,
    purpose: a.purpose,
    ipAddresses: a.ipAddresses,
    macAddresses: a.macAddresses,
    napt: a.napt,
    osName: a.osName,
    osVersion: a.osVersion,
    acquisition: a.acquisition,
    purchaseDate: toDay(a.purchaseDate),
    priceYen: a.priceYen,
    leaseEnd: toDay(a.leaseEnd),
    vendor: a.vendor,
    maintenanceContract: a.maintenanceContract,
    warrantyEnd: toDay(a.warrantyEnd),
    parentId: a.parent?.id ?? null,
    guidanceSentOn: toDay(a.guidanceSentOn),
    entraRegisteredOn: toDay(a.entraRegisteredOn),
    intuneRegisteredOn: toDay(a.intuneRegisteredOn),
    standardSoftwareCheckedOn: toDay(a.standardSoftwareCheckedOn),
    notes: a.notes,
    attributes: Object.entries(a.attributes).map(([key, value]) => ({ key, value })),
  };
}

/** Form values → API input: the attribute rows become a record; empty NAPT ports become null. */
function toInput(values: AssetFormValues): Record<string, unknown> {
  const { attributes, napt, ...rest } = values;
  const record: Record<string, string> = {};
  for (const row of attributes ?? []) if (row?.key?.trim()) record[row.key.trim()] = row.value ?? '';
  return {
    ...rest,
    napt: (napt ?? []).map((r) => ({ ...r, insidePort: r.insidePort ?? null, outsidePort: r.outsidePort ?? null, note: r.note || null })),
    attributes: record,
  };
}

type AssetFormDrawerProps = {
  open: boolean;
  asset?: HardwareAssetDto;
  /** Defaults for a new asset (the list's filters). */
  siteId?: string;
  ledger?: string;
  onClose: () => void;
  onSaved?: (asset: HardwareAssetDto) => void;
};

export function AssetFormDrawer({ open, asset, siteId, ledger, onClose, onSaved }: AssetFormDrawerProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AssetFormValues>();
  const editor = useRecordEditor({ form, initial: asset, load: getAsset, toValues });
  const { save, onFinish } = useRecordSave(editor, useAssetMutation, {
    createSchema: HardwareAssetCreateInput,
    updateSchema: HardwareAssetUpdateInput,
    create: createAsset,
    update: updateAsset,
    toInput: (values) => toInput(values as AssetFormValues),
    aliases,
    onClose,
    onSaved,
  });

  return (
    <FormDrawer
      open={open}
      title={editor.isEdit ? t('asset.edit') : t('asset.create')}
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
      <Form<AssetFormValues>
        form={form}
        layout="vertical"
        initialValues={
          asset
            ? toValues(asset)
            : { siteId, ledger: ledger ?? 'domestic', status: 'in_use', category: 'desktop_pc', ipAddresses: [], macAddresses: [], napt: [], attributes: [] }
        }
        onFinish={onFinish}
        onValuesChange={(changed: AssetFormValues) => {
          // The department must belong to the chosen site.
          if ('siteId' in changed) form.setFieldValue('departmentId', null);
        }}
        disabled={save.isPending}
      >
        <AssetFormFields
          form={form}
          assetId={asset?.id}
          parentLabel={asset?.parent ? `${asset.parent.assetNumber} ${asset.parent.name}` : undefined}
          userLabel={asset?.user?.nameKanji}
        />
      </Form>
    </FormDrawer>
  );
}
