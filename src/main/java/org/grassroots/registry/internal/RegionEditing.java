package org.grassroots.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionOutline;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Adding nodes below a village (grids, 片/组/邻) or anywhere for admins, and editing a node's name,
 * centre, boundary and assigned people. Codes: 12 digits (统计用区划代码) down to village or
 * community, then two more digits for each level below.
 */
@Service
public class RegionEditing {

	private final Regions regions;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final org.grassroots.registry.RegionTree tree;

	RegionEditing(Regions regions, PersonalDataProtector protector, AuditTrail audit, org.grassroots.registry.RegionTree tree) {
		this.regions = regions;
		this.protector = protector;
		this.audit = audit;
		this.tree = tree;
	}

	public Region get(CurrentUser user, String code) {
		user.require(Permission.REGISTRY_READ);
		Region region = regions.findByCode(code).orElseThrow(OutOfScopeException::new);
		user.requireInScope(region.path);
		return region;
	}

	@Transactional
	public Region addChild(CurrentUser user, String parentCode, RegionForm form) {
		user.require(Permission.REGISTRY_WRITE);
		Region parent = get(user, parentCode);
		if (!form.type().mayFollow(parent.type)) {
			throw new InputRejected("type", "region.type.misplaced");
		}
		String code = form.code().strip();
		boolean administrative = form.type() == RegionType.TOWNSHIP || form.type() == RegionType.VILLAGE
				|| form.type() == RegionType.COMMUNITY;
		if (administrative ? code.length() != 12 || !code.substring(0, 6).equals(parent.code.substring(0, 6))
				: code.length() != parent.code.length() + 2 || !code.startsWith(parent.code)) {
			throw new InputRejected("code", "region.code.pattern", parent.code);
		}
		if (regions.findByCode(code).isPresent()) {
			throw new InputRejected("code", "region.code.taken");
		}
		Region region = Region.under(parent, code, form.name().strip(), form.type());
		applyDetails(region, form);
		regions.save(region);
		audit.created("region", region.code, region.path, region.name, region.snapshot());
		return region;
	}

	@Transactional
	public Region update(CurrentUser user, String code, RegionForm form) {
		user.require(Permission.REGISTRY_WRITE);
		Region region = get(user, code);
		HouseholdRegister.checkVersion(region.version, form.version());
		Map<String, Object> before = region.snapshot();
		region.name = form.name().strip();
		applyDetails(region, form);
		regions.save(region);
		tree.forget(region.code);
		audit.updated("region", region.code, region.path, region.name, before, region.snapshot());
		return region;
	}

	private void applyDetails(Region region, RegionForm form) {
		region.centreLat = form.centreLat();
		region.centreLon = form.centreLon();
		if (form.boundary() == null) {
			// not sent: the outline stays as it is (an empty field clears it)
		}
		else if (StringUtils.hasText(form.boundary())) {
			String b = form.boundary().strip();
			RegionOutline.problem(b).ifPresent(problem -> {
				throw new InputRejected("boundary", problem);
			});
			region.boundary = b;
		}
		else {
			region.boundary = null;
		}
		if (form.duties() != null) {
			List<RegionDuty> duties = new ArrayList<>();
			int i = 0;
			for (RegionForm.DutyLine line : form.duties()) {
				if (line == null || line.duty() == null || !StringUtils.hasText(line.personName())) {
					i++;
					continue;
				}
				String phoneField = "duties[" + i + "].phone";
				ProtectedValue phone = new ProtectedValue(null, null, null);
				if (StringUtils.hasText(line.phone())) {
					if (!PhoneNumber.isValid(line.phone())) {
						throw new InputRejected(phoneField, "registry.resident.phone.invalid");
					}
					phone = protector.protectPhone(line.phone());
				}
				else {
					// keep the stored number when the line names the same person and duty
					RegionDuty previous = region.duties.stream()
						.filter(d -> d.duty() == line.duty() && d.personName().equals(line.personName().strip()))
						.findFirst()
						.orElse(null);
					if (previous != null) {
						phone = new ProtectedValue(previous.phoneCipher(), null, previous.phoneMasked());
					}
				}
				duties.add(new RegionDuty(line.duty(), line.personName().strip(), null, phone.cipher(), phone.masked()));
				i++;
			}
			region.duties = duties;
		}
	}

}
