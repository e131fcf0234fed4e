package org.grassroots.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.registry.internal.Region;
import org.grassroots.registry.internal.RegionDuty;
import org.grassroots.registry.internal.RegionEditing;
import org.grassroots.registry.internal.RegionForm;
import org.grassroots.registry.internal.RegistryOverview;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The tree navigator and region node pages. */
@Controller
class RegionPages {

	private final CurrentUsers users;
	private final RegionTree tree;
	private final RegionEditing editing;
	private final RegistryOverview overview;

	RegionPages(CurrentUsers users, RegionTree tree, RegionEditing editing, RegistryOverview overview) {
		this.users = users;
		this.tree = tree;
		this.editing = editing;
		this.overview = overview;
	}

	@GetMapping("/registry/regions")
	String tree(Model model) {
		CurrentUser me = users.current();
		RegionNode root = tree.byCode(me.regionCode()).orElseThrow();
		model.addAttribute("root", root);
		model.addAttribute("children", tree.children(root.id()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, root.path()));
		return "registry/regions";
	}

	/** htmx: the children of a node, to expand it in the tree. */
	@GetMapping("/registry/regions/{code}/children")
	String children(@PathVariable String code, Model model) {
		Region region = editing.get(users.current(), code);
		model.addAttribute("children", tree.children(region.getId()));
		return "registry/regions :: branch";
	}

	@GetMapping("/registry/regions/{code}")
	String detail(@PathVariable String code, Model model) {
		CurrentUser me = users.current();
		Region region = editing.get(me, code);
		model.addAttribute("region", region);
		model.addAttribute("children", tree.children(region.getId()));
		model.addAttribute("overview", overview.of(region.getPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, region.getPath()));
		return "registry/region";
	}

	@GetMapping("/registry/regions/{code}/edit")
	String editForm(@PathVariable String code, Model model) {
		Region region = editing.get(users.current(), code);
		var duties = new java.util.ArrayList<RegionForm.DutyLine>();
		region.getDuties().forEach(d -> duties.add(new RegionForm.DutyLine(d.duty(), d.personName(), null)));
		duties.add(new RegionForm.DutyLine(null, null, null));
		duties.add(new RegionForm.DutyLine(null, null, null));
		return form(model, region, null, new RegionForm(region.getCode(), region.getName(), region.getType(),
				region.getCentreLat(), region.getCentreLon(), region.getBoundary(), duties, region.getVersion()));
	}

	@PostMapping("/registry/regions/{code}/edit")
	String update(@PathVariable String code, @Valid @ModelAttribute("form") RegionForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		CurrentUser me = users.current();
		Region region = editing.get(me, code);
		if (!result.hasErrors()) {
			try {
				editing.update(me, code, form);
				return "redirect:/registry/regions/" + code;
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, region, null, form);
	}

	@GetMapping("/registry/regions/{code}/children/new")
	String newChildForm(@PathVariable String code, Model model) {
		Region parent = editing.get(users.current(), code);
		RegionType type = switch (parent.getType()) {
			case COUNTY -> RegionType.TOWNSHIP;
			case TOWNSHIP -> RegionType.VILLAGE;
			case VILLAGE, COMMUNITY -> RegionType.GRID;
			case GRID -> RegionType.SECTION;
			case SECTION -> RegionType.GROUP;
			default -> RegionType.BLOCK;
		};
		var duties = new java.util.ArrayList<RegionForm.DutyLine>();
		duties.add(new RegionForm.DutyLine(null, null, null));
		return form(model, null, parent, new RegionForm(parent.getCode(), null, type, parent.getCentreLat(),
				parent.getCentreLon(), null, duties, null));
	}

	@PostMapping("/registry/regions/{code}/children")
	String addChild(@PathVariable String code, @Valid @ModelAttribute("form") RegionForm form, BindingResult result,
			Model model, HttpServletResponse response) {
		CurrentUser me = users.current();
		Region parent = editing.get(me, code);
		if (!result.hasErrors()) {
			try {
				Region child = editing.addChild(me, code, form);
				return "redirect:/registry/regions/" + child.getCode();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, null, parent, form);
	}

	private String form(Model model, Region region, Region parent, RegionForm form) {
		CurrentUser me = users.current();
		model.addAttribute("form", form);
		model.addAttribute("region", region);
		model.addAttribute("parent", parent);
		model.addAttribute("types", RegionType.values());
		model.addAttribute("dutyTypes", RegionDuty.Duty.values());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, region != null ? region.getPath() : parent.getPath()));
		return "registry/region-form";
	}

}
