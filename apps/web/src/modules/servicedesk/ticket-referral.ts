import { referralReplyText, type TicketDto } from '@unyo/contracts';
import { useCan } from '../../lib/can.ts';
import { useDepartmentLookup } from '../org/org.api.ts';
import { categoryOwnerDepartment } from './ticket-format.ts';
import { useTicketCategories } from './tickets.api.ts';

/**
 * 5.1.b: what resolving as `referred` offers — the category's owning department as the default, and the public
 * reply (in the inquiry's language) that names the department and its contact point, for the operator to edit.
 */
export function useReferral(ticket: TicketDto, active: boolean) {
  const categories = useTicketCategories();
  const canReadDepartments = useCan('department.read');
  // Loaded only once a referral is being written (the department select shares the same lookup).
  const departments = useDepartmentLookup(undefined, active && canReadDepartments);
  const owner = categoryOwnerDepartment(categories.data?.items, ticket.category?.id);
  const textFor = (departmentId: string | null | undefined): string | null => {
    if (!departmentId) return null;
    // The lookup carries the contact mail; the category's reference is enough for the name while it loads.
    const dept = departments.data?.find((d) => d.id === departmentId) ?? (owner?.id === departmentId ? { ...owner, mail: null } : null);
    return dept ? referralReplyText(ticket.language, { nameJa: dept.nameJa, nameEn: dept.nameEn, mail: dept.mail }) : null;
  };
  return { defaultDepartmentId: owner?.id, textFor };
}
