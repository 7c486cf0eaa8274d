// Generated from templates/*.hbs by `npm run gen:templates`. Do not edit.
/* eslint-disable */
export const TEMPLATES = {
  "audit-report": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ", "
    + ((stack1 = container.lambda(container.strict(lookupProperty(depth0,"lines"), "other", {"start":{"line":1,"column":199},"end":{"line":1,"column":210}} ), depth0)) != null ? stack1 : "")
    + " other lines skipped";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ", "
    + ((stack1 = container.lambda(container.strict(lookupProperty(depth0,"lines"), "invalid", {"start":{"line":1,"column":264},"end":{"line":1,"column":277}} ), depth0)) != null ? stack1 : "")
    + " invalid";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ", "
    + ((stack1 = container.lambda(container.strict(lookupProperty(depth0,"lines"), "tooLong", {"start":{"line":1,"column":319},"end":{"line":1,"column":332}} ), depth0)) != null ? stack1 : "")
    + " too long";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Only namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":3,"column":17},"end":{"line":3,"column":26}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":3,"column":15},"end":{"line":3,"column":28}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = container.lambda(alias1(lookupProperty(depth0,"lines"), "filtered", {"start":{"line":3,"column":32},"end":{"line":3,"column":46}} ), depth0)) != null ? stack1 : "")
    + " decision lines of others left out; dropped counts cover every namespace).\n";
},"4":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "From "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"period"), "first", {"start":{"line":6,"column":7},"end":{"line":6,"column":19}} ), depth0)) != null ? stack1 : "")
    + " to "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"period"), "last", {"start":{"line":6,"column":27},"end":{"line":6,"column":38}} ), depth0)) != null ? stack1 : "")
    + ".\n";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"droppedDenials") || container.strict(depth0, "droppedDenials", {"start":{"line":9,"column":2},"end":{"line":9,"column":16}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"droppedDenials","hash":{},"data":data,"loc":{"start":{"line":9,"column":0},"end":{"line":9,"column":18}}}) : helper))) != null ? stack1 : "")
    + " denials were not logged: the rate limit (the server's dropped lines); the groups below count only those logged.\n";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"droppedAllows") || container.strict(depth0, "droppedAllows", {"start":{"line":12,"column":2},"end":{"line":12,"column":15}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"droppedAllows","hash":{},"data":data,"loc":{"start":{"line":12,"column":0},"end":{"line":12,"column":17}}}) : helper))) != null ? stack1 : "")
    + " allow lines were not logged: the rate limit.\n";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"ungrouped") || container.strict(depth0, "ungrouped", {"start":{"line":15,"column":2},"end":{"line":15,"column":11}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"ungrouped","hash":{},"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":15,"column":13}}}) : helper))) != null ? stack1 : "")
    + " denials were counted but not grouped: more distinct callers than the report keeps.\n";
},"8":function(container,depth0,helpers,partials,data) {
    return "\nNo denied calls.\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nDenied calls, by identity, namespace and API:\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"identities"),{"name":"each","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":24,"column":0},"end":{"line":29,"column":9}}})) != null ? stack1 : "");
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"label") || container.strict(depth0, "label", {"start":{"line":25,"column":4},"end":{"line":25,"column":9}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"label","hash":{},"data":data,"loc":{"start":{"line":25,"column":2},"end":{"line":25,"column":11}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"rows"),{"name":"each","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":26,"column":0},"end":{"line":28,"column":9}}})) != null ? stack1 : "");
},"11":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":27,"column":6},"end":{"line":27,"column":15}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":27,"column":4},"end":{"line":27,"column":17}}}) : helper))) != null ? stack1 : "")
    + "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"api") || alias1(depth0, "api", {"start":{"line":27,"column":21},"end":{"line":27,"column":24}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"api","hash":{},"data":data,"loc":{"start":{"line":27,"column":19},"end":{"line":27,"column":26}}}) : helper))) != null ? stack1 : "")
    + ": "
    + ((stack1 = (((helper = lookupProperty(helpers,"calls") || alias1(depth0, "calls", {"start":{"line":27,"column":30},"end":{"line":27,"column":35}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"calls","hash":{},"data":data,"loc":{"start":{"line":27,"column":28},"end":{"line":27,"column":37}}}) : helper))) != null ? stack1 : "")
    + "; needs "
    + ((stack1 = (((helper = lookupProperty(helpers,"required") || alias1(depth0, "required", {"start":{"line":27,"column":47},"end":{"line":27,"column":55}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"required","hash":{},"data":data,"loc":{"start":{"line":27,"column":45},"end":{"line":27,"column":57}}}) : helper))) != null ? stack1 : "")
    + "; "
    + ((stack1 = (((helper = lookupProperty(helpers,"first") || alias1(depth0, "first", {"start":{"line":27,"column":61},"end":{"line":27,"column":66}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"first","hash":{},"data":data,"loc":{"start":{"line":27,"column":59},"end":{"line":27,"column":68}}}) : helper))) != null ? stack1 : "")
    + " .. "
    + ((stack1 = (((helper = lookupProperty(helpers,"last") || alias1(depth0, "last", {"start":{"line":27,"column":74},"end":{"line":27,"column":78}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"last","hash":{},"data":data,"loc":{"start":{"line":27,"column":72},"end":{"line":27,"column":80}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nThe smallest spec change for each (paste into the spec, merging with what is there):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"suggestions"),{"name":"each","hash":{},"fn":container.program(13, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":34,"column":0},"end":{"line":50,"column":9}}})) != null ? stack1 : "");
},"13":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\n  "
    + ((stack1 = (((helper = lookupProperty(helpers,"title") || alias1(depth0, "title", {"start":{"line":36,"column":4},"end":{"line":36,"column":9}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"title","hash":{},"data":data,"loc":{"start":{"line":36,"column":2},"end":{"line":36,"column":11}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"apis") || alias1(depth0, "apis", {"start":{"line":36,"column":15},"end":{"line":36,"column":19}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"apis","hash":{},"data":data,"loc":{"start":{"line":36,"column":13},"end":{"line":36,"column":21}}}) : helper))) != null ? stack1 : "")
    + "; "
    + ((stack1 = (((helper = lookupProperty(helpers,"calls") || alias1(depth0, "calls", {"start":{"line":36,"column":25},"end":{"line":36,"column":30}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"calls","hash":{},"data":data,"loc":{"start":{"line":36,"column":23},"end":{"line":36,"column":32}}}) : helper))) != null ? stack1 : "")
    + " logged denials)\n    "
    + ((stack1 = (((helper = lookupProperty(helpers,"why") || alias1(depth0, "why", {"start":{"line":37,"column":6},"end":{"line":37,"column":9}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"why","hash":{},"data":data,"loc":{"start":{"line":37,"column":4},"end":{"line":37,"column":11}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"broad"),{"name":"if","hash":{},"fn":container.program(14, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":38,"column":0},"end":{"line":40,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"notes"),{"name":"each","hash":{},"fn":container.program(15, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":41,"column":0},"end":{"line":43,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"alternatives"),{"name":"if","hash":{},"fn":container.program(16, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":44,"column":0},"end":{"line":46,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"yamlLines"),{"name":"each","hash":{},"fn":container.program(17, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":47,"column":0},"end":{"line":49,"column":9}}})) != null ? stack1 : "");
},"14":function(container,depth0,helpers,partials,data) {
    return "    BROAD: cluster-wide\n";
},"15":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "    note: "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"16":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    or instead one of its other groups: "
    + ((stack1 = (((helper = lookupProperty(helpers,"alternatives") || container.strict(depth0, "alternatives", {"start":{"line":45,"column":42},"end":{"line":45,"column":54}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"alternatives","hash":{},"data":data,"loc":{"start":{"line":45,"column":40},"end":{"line":45,"column":56}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"17":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "      "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"18":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nNo grant fixes these (the token, not the spec):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"tokenProblems"),{"name":"each","hash":{},"fn":container.program(19, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":55,"column":0},"end":{"line":58,"column":9}}})) != null ? stack1 : "");
},"19":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"label") || alias1(depth0, "label", {"start":{"line":56,"column":4},"end":{"line":56,"column":9}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"label","hash":{},"data":data,"loc":{"start":{"line":56,"column":2},"end":{"line":56,"column":11}}}) : helper))) != null ? stack1 : "")
    + ": "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"deny"),{"name":"if","hash":{},"fn":container.program(20, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":56,"column":13},"end":{"line":56,"column":47}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"wouldDeny"),{"name":"if","hash":{},"fn":container.program(21, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":56,"column":47},"end":{"line":56,"column":121}}})) != null ? stack1 : "")
    + "; "
    + ((stack1 = (((helper = lookupProperty(helpers,"first") || alias1(depth0, "first", {"start":{"line":56,"column":125},"end":{"line":56,"column":130}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"first","hash":{},"data":data,"loc":{"start":{"line":56,"column":123},"end":{"line":56,"column":132}}}) : helper))) != null ? stack1 : "")
    + " .. "
    + ((stack1 = (((helper = lookupProperty(helpers,"last") || alias1(depth0, "last", {"start":{"line":56,"column":138},"end":{"line":56,"column":142}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"last","hash":{},"data":data,"loc":{"start":{"line":56,"column":136},"end":{"line":56,"column":144}}}) : helper))) != null ? stack1 : "")
    + "; "
    + ((stack1 = (((helper = lookupProperty(helpers,"apis") || alias1(depth0, "apis", {"start":{"line":56,"column":148},"end":{"line":56,"column":152}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"apis","hash":{},"data":data,"loc":{"start":{"line":56,"column":146},"end":{"line":56,"column":154}}}) : helper))) != null ? stack1 : "")
    + "\n    "
    + ((stack1 = (((helper = lookupProperty(helpers,"fix") || alias1(depth0, "fix", {"start":{"line":57,"column":6},"end":{"line":57,"column":9}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"fix","hash":{},"data":data,"loc":{"start":{"line":57,"column":4},"end":{"line":57,"column":11}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"20":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"deny") || container.strict(depth0, "deny", {"start":{"line":56,"column":27},"end":{"line":56,"column":31}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"deny","hash":{},"data":data,"loc":{"start":{"line":56,"column":25},"end":{"line":56,"column":33}}}) : helper))) != null ? stack1 : "")
    + " denied";
},"21":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"deny"),{"name":"if","hash":{},"fn":container.program(22, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":56,"column":64},"end":{"line":56,"column":85}}})) != null ? stack1 : "")
    + ((stack1 = (((helper = lookupProperty(helpers,"wouldDeny") || container.strict(depth0, "wouldDeny", {"start":{"line":56,"column":87},"end":{"line":56,"column":96}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"wouldDeny","hash":{},"data":data,"loc":{"start":{"line":56,"column":85},"end":{"line":56,"column":98}}}) : helper))) != null ? stack1 : "")
    + " would be denied";
},"22":function(container,depth0,helpers,partials,data) {
    return ", ";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"source") || alias1(depth0, "source", {"start":{"line":1,"column":2},"end":{"line":1,"column":8}} ))),(typeof helper === "function" ? helper.call(alias2,{"name":"source","hash":{},"data":data,"loc":{"start":{"line":1,"column":0},"end":{"line":1,"column":10}}}) : helper))) != null ? stack1 : "")
    + ": "
    + ((stack1 = alias3(alias1(lookupProperty(depth0,"lines"), "total", {"start":{"line":1,"column":14},"end":{"line":1,"column":25}} ), depth0)) != null ? stack1 : "")
    + " lines, "
    + ((stack1 = alias3(alias1(lookupProperty(depth0,"lines"), "audit", {"start":{"line":1,"column":37},"end":{"line":1,"column":48}} ), depth0)) != null ? stack1 : "")
    + " audit lines ("
    + ((stack1 = alias3(alias1(lookupProperty(depth0,"counts"), "allow", {"start":{"line":1,"column":66},"end":{"line":1,"column":78}} ), depth0)) != null ? stack1 : "")
    + " allowed (sampled), "
    + ((stack1 = alias3(alias1(lookupProperty(depth0,"counts"), "deny", {"start":{"line":1,"column":102},"end":{"line":1,"column":113}} ), depth0)) != null ? stack1 : "")
    + " denied, "
    + ((stack1 = alias3(alias1(lookupProperty(depth0,"counts"), "wouldDeny", {"start":{"line":1,"column":126},"end":{"line":1,"column":142}} ), depth0)) != null ? stack1 : "")
    + " would be denied in shadow mode)"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"lines"),"other"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":176},"end":{"line":1,"column":239}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"lines"),"invalid"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":239},"end":{"line":1,"column":294}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"lines"),"tooLong"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":294},"end":{"line":1,"column":350}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"namespace"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":0},"end":{"line":4,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"period"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":5,"column":0},"end":{"line":7,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"droppedDenials"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":0},"end":{"line":10,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"droppedAllows"),{"name":"if","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":11,"column":0},"end":{"line":13,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"ungrouped"),{"name":"if","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":14,"column":0},"end":{"line":16,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"unless").call(alias2,lookupProperty(depth0,"denialCount"),{"name":"unless","hash":{},"fn":container.program(8, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":17,"column":0},"end":{"line":20,"column":11}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"identities"),"length"),{"name":"if","hash":{},"fn":container.program(9, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":21,"column":0},"end":{"line":30,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"suggestions"),"length"),{"name":"if","hash":{},"fn":container.program(12, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":31,"column":0},"end":{"line":51,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"tokenProblems"),"length"),{"name":"if","hash":{},"fn":container.program(18, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":52,"column":0},"end":{"line":59,"column":7}}})) != null ? stack1 : "");
},"useData":true},
  "completion/bash": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":18,"column":6},"end":{"line":18,"column":10}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":18,"column":4},"end":{"line":18,"column":12}}}) : helper))) != null ? stack1 : "")
    + ")\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(lookupProperty(depth0,"valueOptions"),"length"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":19,"column":0},"end":{"line":33,"column":7}}})) != null ? stack1 : "")
    + "      if [[ \"$cur\" == -* ]]; then\n        mapfile -t COMPREPLY < <(compgen -W "
    + ((stack1 = (((helper = lookupProperty(helpers,"words") || alias1(depth0, "words", {"start":{"line":35,"column":47},"end":{"line":35,"column":52}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"words","hash":{},"data":data,"loc":{"start":{"line":35,"column":44},"end":{"line":35,"column":55}}}) : helper))) != null ? stack1 : "")
    + " -- \"$cur\")\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"argumentFiles"),{"name":"if","hash":{},"fn":container.program(8, data, 0),"inverse":container.program(9, data, 0),"data":data,"loc":{"start":{"line":36,"column":0},"end":{"line":42,"column":7}}})) != null ? stack1 : "")
    + "      fi\n      ;;\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "      case \"$prev\" in\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"valueOptions"),{"name":"each","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":21,"column":0},"end":{"line":31,"column":9}}})) != null ? stack1 : "")
    + "      esac\n";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "        "
    + ((stack1 = (((helper = lookupProperty(helpers,"pattern") || container.strict(depth0, "pattern", {"start":{"line":22,"column":10},"end":{"line":22,"column":17}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"pattern","hash":{},"data":data,"loc":{"start":{"line":22,"column":8},"end":{"line":22,"column":19}}}) : helper))) != null ? stack1 : "")
    + ")\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"choices"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.program(4, data, 0),"data":data,"loc":{"start":{"line":23,"column":0},"end":{"line":29,"column":7}}})) != null ? stack1 : "")
    + "          return ;;\n";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "          mapfile -t COMPREPLY < <(compgen -W "
    + ((stack1 = (((helper = lookupProperty(helpers,"choices") || container.strict(depth0, "choices", {"start":{"line":24,"column":49},"end":{"line":24,"column":56}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"choices","hash":{},"data":data,"loc":{"start":{"line":24,"column":46},"end":{"line":24,"column":59}}}) : helper))) != null ? stack1 : "")
    + " -- \"$cur\")\n";
},"4":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"dir"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.program(6, data, 0),"data":data,"loc":{"start":{"line":25,"column":0},"end":{"line":29,"column":0}}})) != null ? stack1 : "");
},"5":function(container,depth0,helpers,partials,data) {
    return "          mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"file"),{"name":"if","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":27,"column":0},"end":{"line":29,"column":0}}})) != null ? stack1 : "");
},"7":function(container,depth0,helpers,partials,data) {
    return "          mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
},"8":function(container,depth0,helpers,partials,data) {
    return "      else\n        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"argumentChoices"),{"name":"if","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":39,"column":0},"end":{"line":42,"column":0}}})) != null ? stack1 : "");
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "      else\n        mapfile -t COMPREPLY < <(compgen -W "
    + ((stack1 = (((helper = lookupProperty(helpers,"argumentChoices") || container.strict(depth0, "argumentChoices", {"start":{"line":41,"column":47},"end":{"line":41,"column":62}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"argumentChoices","hash":{},"data":data,"loc":{"start":{"line":41,"column":44},"end":{"line":41,"column":65}}}) : helper))) != null ? stack1 : "")
    + " -- \"$cur\")\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "# bash completion for temporal-auth "
    + ((stack1 = (((helper = lookupProperty(helpers,"version") || alias1(depth0, "version", {"start":{"line":1,"column":38},"end":{"line":1,"column":45}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"version","hash":{},"data":data,"loc":{"start":{"line":1,"column":36},"end":{"line":1,"column":47}}}) : helper))) != null ? stack1 : "")
    + "; generated by `temporal-auth completion bash`.\n# Install: temporal-auth completion bash > ~/.local/share/bash-completion/completions/temporal-auth\n# (or, for this shell only: source <(temporal-auth completion bash)).\n_temporal_auth() {\n  local cur prev cmd i\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n  cmd=\"\"\n  for ((i = 1; i < COMP_CWORD; i++)); do\n    case \"${COMP_WORDS[i]}\" in\n      -*) ;;\n      *) cmd=\"${COMP_WORDS[i]}\"; break ;;\n    esac\n  done\n  COMPREPLY=()\n  case \"$cmd\" in\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"commands"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":17,"column":0},"end":{"line":45,"column":9}}})) != null ? stack1 : "")
    + "    \"\")\n      mapfile -t COMPREPLY < <(compgen -W "
    + ((stack1 = (((helper = lookupProperty(helpers,"commandWords") || alias1(depth0, "commandWords", {"start":{"line":47,"column":45},"end":{"line":47,"column":57}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"commandWords","hash":{},"data":data,"loc":{"start":{"line":47,"column":42},"end":{"line":47,"column":60}}}) : helper))) != null ? stack1 : "")
    + " -- \"$cur\")\n      ;;\n  esac\n}\ncomplete -o filenames -F _temporal_auth temporal-auth\n";
},"useData":true},
  "completion/fish": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "complete -c temporal-auth -n __fish_use_subcommand"
    + ((stack1 = (((helper = lookupProperty(helpers,"short") || alias1(depth0, "short", {"start":{"line":6,"column":53},"end":{"line":6,"column":58}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"short","hash":{},"data":data,"loc":{"start":{"line":6,"column":50},"end":{"line":6,"column":61}}}) : helper))) != null ? stack1 : "")
    + ((stack1 = (((helper = lookupProperty(helpers,"long") || alias1(depth0, "long", {"start":{"line":6,"column":64},"end":{"line":6,"column":68}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"long","hash":{},"data":data,"loc":{"start":{"line":6,"column":61},"end":{"line":6,"column":71}}}) : helper))) != null ? stack1 : "")
    + " -d "
    + ((stack1 = (((helper = lookupProperty(helpers,"description") || alias1(depth0, "description", {"start":{"line":6,"column":78},"end":{"line":6,"column":89}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"description","hash":{},"data":data,"loc":{"start":{"line":6,"column":75},"end":{"line":6,"column":92}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"1":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "complete -c temporal-auth -n __fish_use_subcommand -a "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":9,"column":56},"end":{"line":9,"column":60}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":9,"column":54},"end":{"line":9,"column":62}}}) : helper))) != null ? stack1 : "")
    + " -d "
    + ((stack1 = (((helper = lookupProperty(helpers,"fishDescription") || alias1(depth0, "fishDescription", {"start":{"line":9,"column":69},"end":{"line":9,"column":84}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"fishDescription","hash":{},"data":data,"loc":{"start":{"line":9,"column":66},"end":{"line":9,"column":87}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"fishOptions"),{"name":"each","hash":{},"fn":container.program(2, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":10,"column":0},"end":{"line":12,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"argumentFiles"),{"name":"if","hash":{},"fn":container.program(3, data, 0, blockParams, depths),"inverse":container.program(4, data, 0, blockParams, depths),"data":data,"loc":{"start":{"line":13,"column":0},"end":{"line":17,"column":7}}})) != null ? stack1 : "");
},"2":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "complete -c temporal-auth -n '__fish_seen_subcommand_from "
    + ((stack1 = container.lambda(alias1(depths[1], "name", {"start":{"line":11,"column":60},"end":{"line":11,"column":67}} ), depth0)) != null ? stack1 : "")
    + "'"
    + ((stack1 = (((helper = lookupProperty(helpers,"short") || alias1(depth0, "short", {"start":{"line":11,"column":73},"end":{"line":11,"column":78}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"short","hash":{},"data":data,"loc":{"start":{"line":11,"column":70},"end":{"line":11,"column":81}}}) : helper))) != null ? stack1 : "")
    + ((stack1 = (((helper = lookupProperty(helpers,"long") || alias1(depth0, "long", {"start":{"line":11,"column":84},"end":{"line":11,"column":88}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"long","hash":{},"data":data,"loc":{"start":{"line":11,"column":81},"end":{"line":11,"column":91}}}) : helper))) != null ? stack1 : "")
    + ((stack1 = (((helper = lookupProperty(helpers,"value") || alias1(depth0, "value", {"start":{"line":11,"column":94},"end":{"line":11,"column":99}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"value","hash":{},"data":data,"loc":{"start":{"line":11,"column":91},"end":{"line":11,"column":102}}}) : helper))) != null ? stack1 : "")
    + " -d "
    + ((stack1 = (((helper = lookupProperty(helpers,"description") || alias1(depth0, "description", {"start":{"line":11,"column":109},"end":{"line":11,"column":120}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"description","hash":{},"data":data,"loc":{"start":{"line":11,"column":106},"end":{"line":11,"column":123}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "complete -c temporal-auth -n '__fish_seen_subcommand_from "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || container.strict(depth0, "name", {"start":{"line":14,"column":60},"end":{"line":14,"column":64}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"name","hash":{},"data":data,"loc":{"start":{"line":14,"column":58},"end":{"line":14,"column":66}}}) : helper))) != null ? stack1 : "")
    + "' -F\n";
},"4":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"fishArgumentChoices"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":17,"column":0}}})) != null ? stack1 : "");
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "complete -c temporal-auth -n '__fish_seen_subcommand_from "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":16,"column":60},"end":{"line":16,"column":64}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":16,"column":58},"end":{"line":16,"column":66}}}) : helper))) != null ? stack1 : "")
    + "' -a "
    + ((stack1 = (((helper = lookupProperty(helpers,"fishArgumentChoices") || alias1(depth0, "fishArgumentChoices", {"start":{"line":16,"column":74},"end":{"line":16,"column":93}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"fishArgumentChoices","hash":{},"data":data,"loc":{"start":{"line":16,"column":71},"end":{"line":16,"column":96}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "# fish completion for temporal-auth "
    + ((stack1 = (((helper = lookupProperty(helpers,"version") || container.strict(depth0, "version", {"start":{"line":1,"column":38},"end":{"line":1,"column":45}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"version","hash":{},"data":data,"loc":{"start":{"line":1,"column":36},"end":{"line":1,"column":47}}}) : helper))) != null ? stack1 : "")
    + "; generated by `temporal-auth completion fish`.\n# Install: temporal-auth completion fish > ~/.config/fish/completions/temporal-auth.fish\ncomplete -c temporal-auth -e\ncomplete -c temporal-auth -f\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"fishGlobal"),{"name":"each","hash":{},"fn":container.program(0, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":5,"column":0},"end":{"line":7,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"commands"),{"name":"each","hash":{},"fn":container.program(1, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":0},"end":{"line":18,"column":9}}})) != null ? stack1 : "");
},"useData":true,"useDepths":true},
  "completion/zsh": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    "
    + ((stack1 = (((helper = lookupProperty(helpers,"zshEntry") || container.strict(depth0, "zshEntry", {"start":{"line":10,"column":7},"end":{"line":10,"column":15}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"zshEntry","hash":{},"data":data,"loc":{"start":{"line":10,"column":4},"end":{"line":10,"column":18}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "        "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":21,"column":10},"end":{"line":21,"column":14}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":21,"column":8},"end":{"line":21,"column":16}}}) : helper))) != null ? stack1 : "")
    + ")\n          _arguments "
    + ((stack1 = (((helper = lookupProperty(helpers,"zshSpecs") || alias1(depth0, "zshSpecs", {"start":{"line":22,"column":24},"end":{"line":22,"column":32}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"zshSpecs","hash":{},"data":data,"loc":{"start":{"line":22,"column":21},"end":{"line":22,"column":35}}}) : helper))) != null ? stack1 : "")
    + "\n          ;;\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "#compdef temporal-auth\n# zsh completion for temporal-auth "
    + ((stack1 = (((helper = lookupProperty(helpers,"version") || alias1(depth0, "version", {"start":{"line":2,"column":37},"end":{"line":2,"column":44}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"version","hash":{},"data":data,"loc":{"start":{"line":2,"column":35},"end":{"line":2,"column":46}}}) : helper))) != null ? stack1 : "")
    + "; generated by `temporal-auth completion zsh`.\n# Install: temporal-auth completion zsh > \"${fpath[1]}/_temporal-auth\" (a folder in $fpath, before compinit),\n# or, for this shell only, after compinit: source <(temporal-auth completion zsh)\n_temporal_auth() {\n  local curcontext=\"$curcontext\" state line\n  local -a commands\n  commands=(\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"commands"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":9,"column":0},"end":{"line":11,"column":9}}})) != null ? stack1 : "")
    + "  )\n  _arguments -C "
    + ((stack1 = (((helper = lookupProperty(helpers,"zshGlobal") || alias1(depth0, "zshGlobal", {"start":{"line":13,"column":19},"end":{"line":13,"column":28}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"zshGlobal","hash":{},"data":data,"loc":{"start":{"line":13,"column":16},"end":{"line":13,"column":31}}}) : helper))) != null ? stack1 : "")
    + " '1: :->command' '*:: :->argument' && return\n  case $state in\n    command)\n      _describe -t commands 'temporal-auth command' commands\n      ;;\n    argument)\n      case $line[1] in\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"commands"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":20,"column":0},"end":{"line":24,"column":9}}})) != null ? stack1 : "")
    + "      esac\n      ;;\n  esac\n}\nif [[ \"${funcstack[1]}\" == _temporal_auth ]]; then\n  _temporal_auth \"$@\"\nelse\n  compdef _temporal_auth temporal-auth\nfi\n";
},"useData":true},
  "diff-report": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Release "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"source"), "name", {"start":{"line":2,"column":10},"end":{"line":2,"column":21}} ), depth0)) != null ? stack1 : "")
    + " in namespace "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"source"), "namespace", {"start":{"line":2,"column":39},"end":{"line":2,"column":55}} ), depth0)) != null ? stack1 : "")
    + ": revision "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"source"), "revision", {"start":{"line":2,"column":70},"end":{"line":2,"column":85}} ), depth0)) != null ? stack1 : "")
    + ", chart "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"chart"), "live", {"start":{"line":2,"column":97},"end":{"line":2,"column":107}} ), depth0)) != null ? stack1 : "")
    + " ("
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"source"), "server", {"start":{"line":2,"column":113},"end":{"line":2,"column":126}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"source"), "driver", {"start":{"line":2,"column":132},"end":{"line":2,"column":145}} ), depth0)) != null ? stack1 : "")
    + " driver)\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Values file "
    + ((stack1 = container.lambda(container.strict(lookupProperty(depth0,"source"), "path", {"start":{"line":4,"column":14},"end":{"line":4,"column":25}} ), depth0)) != null ? stack1 : "")
    + "\n";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "warning: the release runs chart "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"chart"), "live", {"start":{"line":7,"column":34},"end":{"line":7,"column":44}} ), depth0)) != null ? stack1 : "")
    + " but the spec targets "
    + ((stack1 = alias2(alias1(lookupProperty(depth0,"chart"), "target", {"start":{"line":7,"column":70},"end":{"line":7,"column":82}} ), depth0)) != null ? stack1 : "")
    + "; upgrade the release or set chart.version\n";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nValues (+ the spec adds, - the spec removes, ~ changes):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"changeLines"),{"name":"each","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":12,"column":0},"end":{"line":14,"column":9}}})) != null ? stack1 : "");
},"4":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"5":function(container,depth0,helpers,partials,data) {
    return "\nValues: in sync\n";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nObjects (render writes them; kubectl apply the file named to fix one):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"objectViews"),{"name":"each","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":22,"column":0},"end":{"line":35,"column":9}}})) != null ? stack1 : "");
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"present"),{"name":"if","hash":{},"fn":container.program(8, data, 0),"inverse":container.program(12, data, 0),"data":data,"loc":{"start":{"line":23,"column":0},"end":{"line":34,"column":7}}})) != null ? stack1 : "");
},"8":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"drift"),{"name":"if","hash":{},"fn":container.program(9, data, 0),"inverse":container.program(10, data, 0),"data":data,"loc":{"start":{"line":24,"column":0},"end":{"line":28,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"lines"),{"name":"each","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":29,"column":0},"end":{"line":31,"column":9}}})) != null ? stack1 : "");
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"title") || container.strict(depth0, "title", {"start":{"line":25,"column":4},"end":{"line":25,"column":9}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"title","hash":{},"data":data,"loc":{"start":{"line":25,"column":2},"end":{"line":25,"column":11}}}) : helper))) != null ? stack1 : "")
    + ": DIFFERS\n";
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"title") || container.strict(depth0, "title", {"start":{"line":27,"column":4},"end":{"line":27,"column":9}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"title","hash":{},"data":data,"loc":{"start":{"line":27,"column":2},"end":{"line":27,"column":11}}}) : helper))) != null ? stack1 : "")
    + ": in sync\n";
},"11":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "    "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"title") || container.strict(depth0, "title", {"start":{"line":33,"column":4},"end":{"line":33,"column":9}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"title","hash":{},"data":data,"loc":{"start":{"line":33,"column":2},"end":{"line":33,"column":11}}}) : helper))) != null ? stack1 : "")
    + ": MISSING\n";
},"13":function(container,depth0,helpers,partials,data) {
    return "\nObjects: not checked (a values file has none; diff against the cluster to check them)\n";
},"14":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Drift: "
    + ((stack1 = (((helper = lookupProperty(helpers,"count") || container.strict(depth0, "count", {"start":{"line":42,"column":9},"end":{"line":42,"column":14}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"count","hash":{},"data":data,"loc":{"start":{"line":42,"column":7},"end":{"line":42,"column":16}}}) : helper))) != null ? stack1 : "")
    + " difference(s).\n";
},"15":function(container,depth0,helpers,partials,data) {
    return "No drift.\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"isRelease"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":1,"column":0},"end":{"line":5,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(depth0,"chart"),"mismatch"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":6,"column":0},"end":{"line":8,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(depth0,"changeLines"),"length"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.program(5, data, 0),"data":data,"loc":{"start":{"line":9,"column":0},"end":{"line":18,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"isRelease"),{"name":"if","hash":{},"fn":container.program(6, data, 0),"inverse":container.program(13, data, 0),"data":data,"loc":{"start":{"line":19,"column":0},"end":{"line":39,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"drift"),{"name":"if","hash":{},"fn":container.program(14, data, 0),"inverse":container.program(15, data, 0),"data":data,"loc":{"start":{"line":41,"column":0},"end":{"line":45,"column":7}}})) != null ? stack1 : "");
},"useData":true},
  "explain-decision": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), alias2=container.strict, alias3=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(depth0,"decision"),"shadow"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.program(2, data, 0),"data":data,"loc":{"start":{"line":2,"column":0},"end":{"line":2,"column":117}}})) != null ? stack1 : "")
    + ": "
    + ((stack1 = (((helper = lookupProperty(helpers,"who") || alias2(depth0, "who", {"start":{"line":2,"column":121},"end":{"line":2,"column":124}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"who","hash":{},"data":data,"loc":{"start":{"line":2,"column":119},"end":{"line":2,"column":126}}}) : helper))) != null ? stack1 : "")
    + " -> "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"decision"), "api", {"start":{"line":2,"column":132},"end":{"line":2,"column":144}} ), depth0)) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"namespace"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":146},"end":{"line":2,"column":187}}})) != null ? stack1 : "")
    + "\n  "
    + ((stack1 = alias3(alias2(lookupProperty(depth0,"decision"), "reason", {"start":{"line":3,"column":4},"end":{"line":3,"column":19}} ), depth0)) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(depth0,"decision"),"shadow"),{"name":"if","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":4,"column":0},"end":{"line":6,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"viaLines"),{"name":"each","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":7,"column":0},"end":{"line":9,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"notes"),{"name":"each","hash":{},"fn":container.program(8, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":10,"column":0},"end":{"line":12,"column":9}}})) != null ? stack1 : "")
    + "\n";
},"1":function(container,depth0,helpers,partials,data) {
    return "ALLOW (shadow mode, would deny)";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"decision"),"allowed"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.program(4, data, 0),"data":data,"loc":{"start":{"line":2,"column":62},"end":{"line":2,"column":110}}})) != null ? stack1 : "");
},"3":function(container,depth0,helpers,partials,data) {
    return "ALLOW";
},"4":function(container,depth0,helpers,partials,data) {
    return "DENY";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return " on "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || container.strict(depth0, "namespace", {"start":{"line":2,"column":169},"end":{"line":2,"column":178}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":2,"column":167},"end":{"line":2,"column":180}}}) : helper))) != null ? stack1 : "");
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  shadow mode: "
    + ((stack1 = (((helper = lookupProperty(helpers,"shadowScope") || container.strict(depth0, "shadowScope", {"start":{"line":5,"column":17},"end":{"line":5,"column":28}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"shadowScope","hash":{},"data":data,"loc":{"start":{"line":5,"column":15},"end":{"line":5,"column":30}}}) : helper))) != null ? stack1 : "")
    + " is not enforced (enforce: false), so the server lets this call through and writes it to its audit log as would-deny; enforcing, it would be denied\n";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  via "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"8":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  note: "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Token: "
    + ((stack1 = (((helper = lookupProperty(helpers,"token") || container.strict(depth0, "token", {"start":{"line":16,"column":9},"end":{"line":16,"column":14}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"token","hash":{},"data":data,"loc":{"start":{"line":16,"column":7},"end":{"line":16,"column":16}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Issuer: "
    + ((stack1 = (((helper = lookupProperty(helpers,"issuerLine") || container.strict(depth0, "issuerLine", {"start":{"line":19,"column":10},"end":{"line":19,"column":20}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"issuerLine","hash":{},"data":data,"loc":{"start":{"line":19,"column":8},"end":{"line":19,"column":22}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"11":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Verified: "
    + ((stack1 = (((helper = lookupProperty(helpers,"verification") || container.strict(depth0, "verification", {"start":{"line":22,"column":12},"end":{"line":22,"column":24}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"verification","hash":{},"data":data,"loc":{"start":{"line":22,"column":10},"end":{"line":22,"column":26}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  rules: "
    + ((stack1 = (((helper = lookupProperty(helpers,"rules") || container.strict(depth0, "rules", {"start":{"line":25,"column":11},"end":{"line":25,"column":16}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"rules","hash":{},"data":data,"loc":{"start":{"line":25,"column":9},"end":{"line":25,"column":18}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"13":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "Warning: "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"14":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Groups ("
    + ((stack1 = (((helper = lookupProperty(helpers,"groupsClaim") || alias1(depth0, "groupsClaim", {"start":{"line":31,"column":10},"end":{"line":31,"column":21}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"groupsClaim","hash":{},"data":data,"loc":{"start":{"line":31,"column":8},"end":{"line":31,"column":23}}}) : helper))) != null ? stack1 : "")
    + "): "
    + ((stack1 = (((helper = lookupProperty(helpers,"groupsLine") || alias1(depth0, "groupsLine", {"start":{"line":31,"column":28},"end":{"line":31,"column":38}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"groupsLine","hash":{},"data":data,"loc":{"start":{"line":31,"column":26},"end":{"line":31,"column":40}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"15":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Note: "
    + ((stack1 = (((helper = lookupProperty(helpers,"groupsNote") || container.strict(depth0, "groupsNote", {"start":{"line":34,"column":8},"end":{"line":34,"column":18}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"groupsNote","hash":{},"data":data,"loc":{"start":{"line":34,"column":6},"end":{"line":34,"column":20}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"16":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Client: "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientId") || container.strict(depth0, "clientId", {"start":{"line":37,"column":10},"end":{"line":37,"column":18}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"clientId","hash":{},"data":data,"loc":{"start":{"line":37,"column":8},"end":{"line":37,"column":20}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"17":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Worker: "
    + ((stack1 = (((helper = lookupProperty(helpers,"workerLine") || container.strict(depth0, "workerLine", {"start":{"line":40,"column":10},"end":{"line":40,"column":20}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"workerLine","hash":{},"data":data,"loc":{"start":{"line":40,"column":8},"end":{"line":40,"column":22}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"18":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  to grant it, add to clients.workers in the spec (then render and apply):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"suggestionLines"),{"name":"each","hash":{},"fn":container.program(19, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":44,"column":0},"end":{"line":46,"column":9}}})) != null ? stack1 : "");
},"19":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "    "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"20":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  note: "
    + ((stack1 = (((helper = lookupProperty(helpers,"suggestionNote") || container.strict(depth0, "suggestionNote", {"start":{"line":49,"column":10},"end":{"line":49,"column":24}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"suggestionNote","hash":{},"data":data,"loc":{"start":{"line":49,"column":8},"end":{"line":49,"column":26}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"21":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Principal in history: "
    + ((stack1 = (((helper = lookupProperty(helpers,"principalLine") || container.strict(depth0, "principalLine", {"start":{"line":52,"column":24},"end":{"line":52,"column":37}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"principalLine","hash":{},"data":data,"loc":{"start":{"line":52,"column":22},"end":{"line":52,"column":39}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"22":function(container,depth0,helpers,partials,data) {
    return " (what the identity provider is told to emit)";
},"23":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Builtin JWT mapper (claim "
    + ((stack1 = (((helper = lookupProperty(helpers,"builtinClaim") || alias1(depth0, "builtinClaim", {"start":{"line":56,"column":28},"end":{"line":56,"column":40}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"builtinClaim","hash":{},"data":data,"loc":{"start":{"line":56,"column":26},"end":{"line":56,"column":42}}}) : helper))) != null ? stack1 : "")
    + "): "
    + ((stack1 = (((helper = lookupProperty(helpers,"builtinLine") || alias1(depth0, "builtinLine", {"start":{"line":56,"column":47},"end":{"line":56,"column":58}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"builtinLine","hash":{},"data":data,"loc":{"start":{"line":56,"column":45},"end":{"line":56,"column":60}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"24":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  ignored by the mapper: "
    + ((stack1 = (((helper = lookupProperty(helpers,"ignoredLine") || container.strict(depth0, "ignoredLine", {"start":{"line":59,"column":27},"end":{"line":59,"column":38}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"ignoredLine","hash":{},"data":data,"loc":{"start":{"line":59,"column":25},"end":{"line":59,"column":40}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"25":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"regexLine") || container.strict(depth0, "regexLine", {"start":{"line":62,"column":4},"end":{"line":62,"column":13}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"regexLine","hash":{},"data":data,"loc":{"start":{"line":62,"column":2},"end":{"line":62,"column":15}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"decision"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":0},"end":{"line":14,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"token"),{"name":"if","hash":{},"fn":container.program(9, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":17,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"issuerLine"),{"name":"if","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":18,"column":0},"end":{"line":20,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"verification"),{"name":"if","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":21,"column":0},"end":{"line":23,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"rules"),{"name":"if","hash":{},"fn":container.program(12, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":24,"column":0},"end":{"line":26,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"warnings"),{"name":"each","hash":{},"fn":container.program(13, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":27,"column":0},"end":{"line":29,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"groupsLine"),{"name":"if","hash":{},"fn":container.program(14, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":30,"column":0},"end":{"line":32,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"groupsNote"),{"name":"if","hash":{},"fn":container.program(15, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":33,"column":0},"end":{"line":35,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"clientId"),{"name":"if","hash":{},"fn":container.program(16, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":36,"column":0},"end":{"line":38,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"workerLine"),{"name":"if","hash":{},"fn":container.program(17, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":39,"column":0},"end":{"line":41,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"suggestionLines"),{"name":"if","hash":{},"fn":container.program(18, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":42,"column":0},"end":{"line":47,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"suggestionNote"),{"name":"if","hash":{},"fn":container.program(20, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":48,"column":0},"end":{"line":50,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"principalLine"),{"name":"if","hash":{},"fn":container.program(21, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":51,"column":0},"end":{"line":53,"column":7}}})) != null ? stack1 : "")
    + "Policy grants"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"builtinMode"),{"name":"if","hash":{},"fn":container.program(22, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":54,"column":13},"end":{"line":54,"column":84}}})) != null ? stack1 : "")
    + ": "
    + ((stack1 = (((helper = lookupProperty(helpers,"policyLine") || container.strict(depth0, "policyLine", {"start":{"line":54,"column":88},"end":{"line":54,"column":98}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"policyLine","hash":{},"data":data,"loc":{"start":{"line":54,"column":86},"end":{"line":54,"column":100}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"builtinLine"),{"name":"if","hash":{},"fn":container.program(23, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":55,"column":0},"end":{"line":57,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"ignoredLine"),{"name":"if","hash":{},"fn":container.program(24, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":58,"column":0},"end":{"line":60,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"regexLine"),{"name":"if","hash":{},"fn":container.program(25, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":61,"column":0},"end":{"line":63,"column":7}}})) != null ? stack1 : "");
},"useData":true},
  "explain-matrix": {"0":function(container,depth0,helpers,partials,data) {
    var stack1;

  return ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"1":function(container,depth0,helpers,partials,data) {
    return "In builtin mode these roles hold only if the identity provider emits the strings in idp-permissions.yaml.\n";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = (((helper = lookupProperty(helpers,"shadow") || container.strict(depth0, "shadow", {"start":{"line":11,"column":2},"end":{"line":11,"column":8}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"shadow","hash":{},"data":data,"loc":{"start":{"line":11,"column":0},"end":{"line":11,"column":10}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Access matrix for "
    + ((stack1 = (((helper = lookupProperty(helpers,"release") || alias1(depth0, "release", {"start":{"line":1,"column":20},"end":{"line":1,"column":27}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"release","hash":{},"data":data,"loc":{"start":{"line":1,"column":18},"end":{"line":1,"column":29}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"mode") || alias1(depth0, "mode", {"start":{"line":1,"column":33},"end":{"line":1,"column":37}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"mode","hash":{},"data":data,"loc":{"start":{"line":1,"column":31},"end":{"line":1,"column":39}}}) : helper))) != null ? stack1 : "")
    + " mode): effective role of each principal per namespace\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"lines"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":0},"end":{"line":4,"column":9}}})) != null ? stack1 : "")
    + "\n* from the system role, which Temporal applies to every namespace.\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"mode_builtin"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":7,"column":0},"end":{"line":9,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"shadow"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":10,"column":0},"end":{"line":12,"column":7}}})) != null ? stack1 : "");
},"useData":true},
  "explain-matrix.html": {"0":function(container,depth0,helpers,partials,data) {
    var helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<p class=\"shadow\"><strong>"
    + container.escapeExpression((((helper = lookupProperty(helpers,"shadow") || container.strict(depth0, "shadow", {"start":{"line":36,"column":28},"end":{"line":36,"column":34}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"shadow","hash":{},"data":data,"loc":{"start":{"line":36,"column":26},"end":{"line":36,"column":36}}}) : helper)))
    + "</strong></p>\n";
},"1":function(container,depth0,helpers,partials,data) {
    return "<th scope=\"col\">"
    + container.escapeExpression(container.lambda(depth0, depth0))
    + "</th>";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr data-principal=\""
    + alias4((((helper = lookupProperty(helpers,"principal") || alias1(depth0, "principal", {"start":{"line":52,"column":22},"end":{"line":52,"column":31}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"principal","hash":{},"data":data,"loc":{"start":{"line":52,"column":20},"end":{"line":52,"column":33}}}) : helper)))
    + "\" data-kind=\""
    + alias4((((helper = lookupProperty(helpers,"kind") || alias1(depth0, "kind", {"start":{"line":52,"column":48},"end":{"line":52,"column":52}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"kind","hash":{},"data":data,"loc":{"start":{"line":52,"column":46},"end":{"line":52,"column":54}}}) : helper)))
    + "\"><th class=\"principal\" scope=\"row\">"
    + alias4((((helper = lookupProperty(helpers,"label") || alias1(depth0, "label", {"start":{"line":52,"column":92},"end":{"line":52,"column":97}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"label","hash":{},"data":data,"loc":{"start":{"line":52,"column":90},"end":{"line":52,"column":99}}}) : helper)))
    + "</th>"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"cells"),{"name":"each","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":52,"column":104},"end":{"line":52,"column":248}}})) != null ? stack1 : "")
    + "</tr>\n";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<td class=\"role-"
    + alias4((((helper = lookupProperty(helpers,"role") || alias1(depth0, "role", {"start":{"line":52,"column":137},"end":{"line":52,"column":141}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"role","hash":{},"data":data,"loc":{"start":{"line":52,"column":135},"end":{"line":52,"column":143}}}) : helper)))
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"viaSystem"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":52,"column":143},"end":{"line":52,"column":178}}})) != null ? stack1 : "")
    + "\" data-column=\""
    + alias4((((helper = lookupProperty(helpers,"column") || alias1(depth0, "column", {"start":{"line":52,"column":195},"end":{"line":52,"column":201}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"column","hash":{},"data":data,"loc":{"start":{"line":52,"column":193},"end":{"line":52,"column":203}}}) : helper)))
    + "\" data-role=\""
    + alias4((((helper = lookupProperty(helpers,"role") || alias1(depth0, "role", {"start":{"line":52,"column":218},"end":{"line":52,"column":222}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"role","hash":{},"data":data,"loc":{"start":{"line":52,"column":216},"end":{"line":52,"column":224}}}) : helper)))
    + "\">"
    + alias4((((helper = lookupProperty(helpers,"text") || alias1(depth0, "text", {"start":{"line":52,"column":228},"end":{"line":52,"column":232}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"text","hash":{},"data":data,"loc":{"start":{"line":52,"column":226},"end":{"line":52,"column":234}}}) : helper)))
    + "</td>";
},"4":function(container,depth0,helpers,partials,data) {
    return " via-system";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
    + alias4((((helper = lookupProperty(helpers,"title") || alias1(depth0, "title", {"start":{"line":5,"column":9},"end":{"line":5,"column":14}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"title","hash":{},"data":data,"loc":{"start":{"line":5,"column":7},"end":{"line":5,"column":16}}}) : helper)))
    + "</title>\n<style>\n  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d2430; }\n  h1 { font-size: 1.3rem; margin: 0 0 .3rem; }\n  p { margin: .2rem 0 1rem; color: #4a5568; }\n  .controls { display: flex; gap: 1.2rem; align-items: center; margin: 0 0 .8rem; }\n  .controls[hidden] { display: none; }\n  .controls input[type=search] { font: inherit; padding: .25rem .5rem; min-width: 18rem; }\n  .controls output { color: #4a5568; }\n  /* The table scrolls inside this box, so the header row and the principal column stay in view. */\n  .matrix { max-height: 85vh; overflow: auto; border: 1px solid #cbd5e0; display: inline-block; max-width: 100%; }\n  table { border-collapse: separate; border-spacing: 0; }\n  th, td { border: 1px solid #cbd5e0; border-width: 0 1px 1px 0; padding: .35rem .7rem; text-align: center; white-space: nowrap; }\n  th { background: #edf2f7; }\n  thead th { position: sticky; top: 0; z-index: 2; }\n  th.principal { position: sticky; left: 0; z-index: 1; text-align: left; font-family: ui-monospace, monospace; }\n  thead th.principal { z-index: 3; }\n  td.role-admin { background: #c53030; color: #fff; font-weight: 600; }\n  td.role-write { background: #dd6b20; color: #fff; }\n  td.role-read { background: #38a169; color: #fff; }\n  td.role-worker { background: #d69e2e; color: #1d2430; }\n  td.role-none { background: #f7fafc; color: #a0aec0; }\n  td.via-system { font-style: italic; }\n  tr[hidden] { display: none; }\n  .legend span { display: inline-block; padding: .1rem .5rem; margin-right: .4rem; border-radius: 3px; }\n</style>\n<style id=\"column-filter\"></style>\n</head>\n<body>\n<h1>"
    + alias4((((helper = lookupProperty(helpers,"title") || alias1(depth0, "title", {"start":{"line":34,"column":6},"end":{"line":34,"column":11}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"title","hash":{},"data":data,"loc":{"start":{"line":34,"column":4},"end":{"line":34,"column":13}}}) : helper)))
    + "</h1>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"shadow"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":35,"column":0},"end":{"line":37,"column":7}}})) != null ? stack1 : "")
    + "<p>Effective role of each group and worker client, as Temporal's authorizer computes it. <em>Italic*</em>: from the system role, which applies to every namespace.</p>\n<p class=\"legend\"><span class=\"role-admin\" style=\"background:#c53030;color:#fff\">admin</span><span style=\"background:#dd6b20;color:#fff\">write</span><span style=\"background:#38a169;color:#fff\">read</span><span style=\"background:#d69e2e\">worker (grants nothing)</span><span style=\"background:#f7fafc;color:#a0aec0\">none</span></p>\n<form class=\"controls\" id=\"controls\" hidden onsubmit=\"return false\">\n<label>Filter <input type=\"search\" id=\"filter\" name=\"filter\" placeholder=\"group, client or namespace\" autocomplete=\"off\"></label>\n<label><input type=\"checkbox\" id=\"access\" name=\"access\" value=\"1\"> only rows and columns with access</label>\n<output id=\"shown\" for=\"filter access\"></output>\n</form>\n<div class=\"matrix\">\n<table id=\"access-matrix\">\n<thead>\n<tr><th class=\"principal\">principal</th>"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"columns"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":48,"column":40},"end":{"line":48,"column":95}}})) != null ? stack1 : "")
    + "</tr>\n</thead>\n<tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"rows"),{"name":"each","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":51,"column":0},"end":{"line":53,"column":9}}})) != null ? stack1 : "")
    + "</tbody>\n</table>\n</div>\n\u003Cscript>\n// Filtering, for large organisations. Without JavaScript the page is the whole table.\n// ?filter=TEXT&access=1 in the address sets both controls on load.\n(function () {\n  'use strict';\n  var table = document.getElementById('access-matrix');\n  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);\n  var rows = Array.prototype.slice.call(table.tBodies[0].rows);\n  var system = heads.length - 1; // the (system) column is never filtered out by name\n  var names = heads.map(function (th) { return th.textContent.toLowerCase(); });\n  var who = rows.map(function (tr) { return tr.cells[0].textContent.toLowerCase(); });\n  // roles[r][c]: whether row r has any role in column c\n  var roles = rows.map(function (tr) {\n    return Array.prototype.slice.call(tr.cells, 1).map(function (td) { return td.getAttribute('data-role') !== 'none'; });\n  });\n  var filter = document.getElementById('filter');\n  var access = document.getElementById('access');\n  var shown = document.getElementById('shown');\n  var style = document.getElementById('column-filter');\n  function apply() {\n    var q = filter.value.trim().toLowerCase();\n    var rowHit = who.map(function (w) { return q === '' || w.indexOf(q) >= 0; });\n    var colHit = names.map(function (n, c) { return q === '' || c === system || n.indexOf(q) >= 0; });\n    // Text that names no principal filters columns only, and the other way round.\n    if (!rowHit.some(Boolean)) rowHit = who.map(function () { return true; });\n    if (!colHit.some(function (hit, c) { return hit && c !== system; })) colHit = names.map(function () { return true; });\n    if (access.checked) {\n      rowHit = rowHit.map(function (hit, r) { return hit && roles[r].some(function (has, c) { return has && colHit[c]; }); });\n      colHit = colHit.map(function (hit, c) { return hit && rows.some(function (_, r) { return rowHit[r] && roles[r][c]; }); });\n    }\n    var rules = [];\n    var cols = 0;\n    colHit.forEach(function (hit, c) {\n      if (hit) { heads[c].removeAttribute('data-off'); cols++; }\n      else { heads[c].setAttribute('data-off', ''); rules.push('#access-matrix tr > :nth-child(' + (c + 2) + ')'); }\n    });\n    style.textContent = rules.length ? rules.join(',\\n') + ' { display: none; }' : '';\n    var visible = 0;\n    rows.forEach(function (tr, r) { tr.hidden = !rowHit[r]; if (rowHit[r]) visible++; });\n    shown.textContent = visible + ' of ' + rows.length + ' principals, ' + cols + ' of ' + heads.length + ' columns';\n    var params = new URLSearchParams();\n    if (q) params.set('filter', filter.value.trim());\n    if (access.checked) params.set('access', '1');\n    try { history.replaceState(null, '', params.toString() ? '?' + params : location.pathname); } catch (e) { /* file: URLs may refuse */ }\n  }\n  var given = new URLSearchParams(location.search);\n  filter.value = given.get('filter') || '';\n  access.checked = given.get('access') === '1';\n  filter.addEventListener('input', apply);\n  access.addEventListener('change', apply);\n  document.getElementById('controls').hidden = false;\n  apply();\n})();\n\u003C/script>\n</body>\n</html>\n";
},"useData":true},
  "idp/auth0-credentials-exchange-action.js": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":16,"column":4},"end":{"line":16,"column":8}} )).call(alias2,lookupProperty(depth0,"clientId"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":16,"column":2},"end":{"line":16,"column":19}}})) != null ? stack1 : "")
    + ": "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":16,"column":23},"end":{"line":16,"column":27}} )).call(alias2,lookupProperty(depth0,"permissions"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":16,"column":21},"end":{"line":16,"column":41}}})) != null ? stack1 : "")
    + ",\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "/**\n * Auth0 Machine to Machine Action, generated by temporal-auth for builtin mode:\n * puts each worker client's Temporal permissions (\"namespace:role\" strings)\n * into the access token's "
    + ((stack1 = (((helper = lookupProperty(helpers,"claimComment") || alias1(depth0, "claimComment", {"start":{"line":4,"column":29},"end":{"line":4,"column":41}} ))),(typeof helper === "function" ? helper.call(alias2,{"name":"claimComment","hash":{},"data":data,"loc":{"start":{"line":4,"column":27},"end":{"line":4,"column":43}}}) : helper))) != null ? stack1 : "")
    + " claim of its client-credentials tokens\n * (post-login Actions do not run for them).\n * Actions > Library > Create Action > Machine to Machine: paste this, deploy,\n * and add it to the Machine to Machine flow. Re-render after changing grants.\n */\n\n/** The claim the Temporal server reads (issuer.claims.permissions). */\nconst CLAIM = "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":11,"column":16},"end":{"line":11,"column":20}} )).call(alias2,lookupProperty(depth0,"claim"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":11,"column":14},"end":{"line":11,"column":28}}})) != null ? stack1 : "")
    + ";\n\n/** Worker client id -> the permission strings it is granted. */\nconst CLIENT_PERMISSIONS = {\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"clients"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":17,"column":9}}})) != null ? stack1 : "")
    + "};\n\n/**\n * @param {Event} event - Details about client credentials grant request.\n * @param {CredentialsExchangeAPI} api - Interface whose methods can be used to change the behavior of client credentials grant.\n */\nexports.onExecuteCredentialsExchange = async (event, api) => {\n  const id = event.client && event.client.client_id;\n  if (id && Object.prototype.hasOwnProperty.call(CLIENT_PERMISSIONS, id)) {\n    api.accessToken.setCustomClaim(CLAIM, CLIENT_PERMISSIONS[id]);\n  }\n};\n";
},"useData":true},
  "idp/auth0-post-login-action.js": {"0":function(container,depth0,helpers,partials,data) {
    return " *\n * WARNING: the spec's permissions claim is not a namespaced URL. Auth0 wants\n * custom claims namespaced (e.g. \"https://temporal.example.com/permissions\"),\n * refuses some plain names, and its own RBAC writes a `permissions` claim\n * (API settings > Add Permissions in the Access Token): keep that off, or use a\n * namespaced issuer.claims.permissions and re-render.\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":24,"column":4},"end":{"line":24,"column":8}} )).call(alias2,lookupProperty(depth0,"name"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":24,"column":2},"end":{"line":24,"column":15}}})) != null ? stack1 : "")
    + ": "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":24,"column":19},"end":{"line":24,"column":23}} )).call(alias2,lookupProperty(depth0,"permissions"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":24,"column":17},"end":{"line":24,"column":37}}})) != null ? stack1 : "")
    + ",\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "/**\n * Auth0 post-login Action, generated by temporal-auth for builtin mode: puts the\n * Temporal permissions (\"namespace:role\" strings) of the user's roles into the\n * access token's "
    + ((stack1 = (((helper = lookupProperty(helpers,"claimComment") || alias1(depth0, "claimComment", {"start":{"line":4,"column":20},"end":{"line":4,"column":32}} ))),(typeof helper === "function" ? helper.call(alias2,{"name":"claimComment","hash":{},"data":data,"loc":{"start":{"line":4,"column":18},"end":{"line":4,"column":34}}}) : helper))) != null ? stack1 : "")
    + " claim. Auth0 custom claims must be namespaced\n * URLs (issuer.claims.permissions in the spec).\n * Actions > Library > Create Action > Login / Post Login: paste this, deploy,\n * and add it to the Login flow. Re-render after changing grants.\n"
    + ((stack1 = lookupProperty(helpers,"unless").call(alias2,lookupProperty(depth0,"claimIsNamespaced"),{"name":"unless","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":0},"end":{"line":15,"column":11}}})) != null ? stack1 : "")
    + " */\n\n/** The claim the Temporal server reads (issuer.claims.permissions). */\nconst CLAIM = "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":19,"column":16},"end":{"line":19,"column":20}} )).call(alias2,lookupProperty(depth0,"claim"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":19,"column":14},"end":{"line":19,"column":28}}})) != null ? stack1 : "")
    + ";\n\n/** Auth0 role name (the spec's group) -> the permission strings it grants. */\nconst ROLE_PERMISSIONS = {\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"roles"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":23,"column":0},"end":{"line":25,"column":9}}})) != null ? stack1 : "")
    + "};\n\n/**\n * @param {Event} event - Details about the user and the context in which they are logging in.\n * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.\n */\nexports.onExecutePostLogin = async (event, api) => {\n  const roles = (event.authorization && event.authorization.roles) || [];\n  const permissions = new Set();\n  for (const role of roles) {\n    for (const permission of Object.prototype.hasOwnProperty.call(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role] : []) {\n      permissions.add(permission);\n    }\n  }\n  api.accessToken.setCustomClaim(CLAIM, [...permissions].sort());\n};\n";
},"useData":true},
  "idp/auth0-post-login-groups-action.js": {"0":function(container,depth0,helpers,partials,data) {
    return " *\n * WARNING: the spec's groups claim is not a namespaced URL. Auth0 wants custom\n * claims namespaced (e.g. \"https://temporal.example.com/groups\") and refuses\n * some plain names: use a namespaced issuer.claims.groups and re-render.\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "/**\n * Auth0 post-login Action, generated by temporal-auth for custom mode: puts the\n * user's Auth0 roles that are Temporal groups of the spec into the access\n * token's "
    + ((stack1 = (((helper = lookupProperty(helpers,"claimComment") || alias1(depth0, "claimComment", {"start":{"line":4,"column":13},"end":{"line":4,"column":25}} ))),(typeof helper === "function" ? helper.call(alias2,{"name":"claimComment","hash":{},"data":data,"loc":{"start":{"line":4,"column":11},"end":{"line":4,"column":27}}}) : helper))) != null ? stack1 : "")
    + " claim, which the custom-auth server maps through its\n * policy. Auth0 custom claims must be namespaced URLs (issuer.claims.groups).\n * Actions > Library > Create Action > Login / Post Login: paste this, deploy,\n * and add it to the Login flow. Re-render after changing grants.\n"
    + ((stack1 = lookupProperty(helpers,"unless").call(alias2,lookupProperty(depth0,"claimIsNamespaced"),{"name":"unless","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":0},"end":{"line":13,"column":11}}})) != null ? stack1 : "")
    + " */\n\n/** The claim the custom-auth server reads its groups from (issuer.claims.groups). */\nconst CLAIM = "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":17,"column":16},"end":{"line":17,"column":20}} )).call(alias2,lookupProperty(depth0,"claim"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":17,"column":14},"end":{"line":17,"column":28}}})) != null ? stack1 : "")
    + ";\n\n/** The spec's groups: Auth0 roles of the same names. */\nconst GROUPS = new Set("
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":20,"column":25},"end":{"line":20,"column":29}} )).call(alias2,lookupProperty(depth0,"groups"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":20,"column":23},"end":{"line":20,"column":38}}})) != null ? stack1 : "")
    + ");\n\n/**\n * @param {Event} event - Details about the user and the context in which they are logging in.\n * @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.\n */\nexports.onExecutePostLogin = async (event, api) => {\n  const roles = (event.authorization && event.authorization.roles) || [];\n  api.accessToken.setCustomClaim(CLAIM, [...new Set(roles.filter((role) => GROUPS.has(role)))].sort());\n};\n";
},"useData":true},
  "init-spec.yaml": {"0":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  # "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  # "
    + ((stack1 = container.lambda(alias1(lookupProperty(depth0,"audience"), "comment", {"start":{"line":43,"column":6},"end":{"line":43,"column":22}} ), depth0)) != null ? stack1 : "")
    + "\n  audience: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":44,"column":14},"end":{"line":44,"column":18}} )).call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"audience"),"value"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":44,"column":12},"end":{"line":44,"column":35}}})) != null ? stack1 : "")
    + "\n";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  claims:\n    groups: "
    + ((stack1 = (lookupProperty(helpers,"json")||container.strict(depth0, "json", {"start":{"line":48,"column":14},"end":{"line":48,"column":18}} )).call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"groupsClaim"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":48,"column":12},"end":{"line":48,"column":32}}})) != null ? stack1 : "")
    + "\n";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  # claims:\n  #   groups: "
    + ((stack1 = (lookupProperty(helpers,"json")||container.strict(depth0, "json", {"start":{"line":51,"column":16},"end":{"line":51,"column":20}} )).call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"presetGroups"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":51,"column":14},"end":{"line":51,"column":35}}})) != null ? stack1 : "")
    + "   # the preset's groups claim; change it if yours differs\n";
},"4":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    # "
    + ((stack1 = (((helper = lookupProperty(helpers,"scopesComment") || container.strict(depth0, "scopesComment", {"start":{"line":62,"column":8},"end":{"line":62,"column":21}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"scopesComment","hash":{},"data":data,"loc":{"start":{"line":62,"column":6},"end":{"line":62,"column":23}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    # "
    + ((stack1 = (((helper = lookupProperty(helpers,"comment") || container.strict(depth0, "comment", {"start":{"line":66,"column":8},"end":{"line":66,"column":15}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"comment","hash":{},"data":data,"loc":{"start":{"line":66,"column":6},"end":{"line":66,"column":17}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"lines"),{"name":"each","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":67,"column":0},"end":{"line":69,"column":9}}})) != null ? stack1 : "");
},"6":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "    "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "# yaml-language-server: $schema="
    + ((stack1 = (((helper = lookupProperty(helpers,"schemaPath") || alias1(depth0, "schemaPath", {"start":{"line":1,"column":34},"end":{"line":1,"column":44}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"schemaPath","hash":{},"data":data,"loc":{"start":{"line":1,"column":32},"end":{"line":1,"column":46}}}) : helper))) != null ? stack1 : "")
    + "\n# temporal-auth spec: one description of OIDC authentication and namespace\n# permissions for the Temporal release below. Check it with\n#   temporal-auth validate "
    + ((stack1 = (((helper = lookupProperty(helpers,"file") || alias1(depth0, "file", {"start":{"line":4,"column":29},"end":{"line":4,"column":33}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"file","hash":{},"data":data,"loc":{"start":{"line":4,"column":27},"end":{"line":4,"column":35}}}) : helper))) != null ? stack1 : "")
    + "\n# and render the Helm values, Secret and policy with\n#   "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretEnv") || alias1(depth0, "secretEnv", {"start":{"line":6,"column":6},"end":{"line":6,"column":15}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretEnv","hash":{},"data":data,"loc":{"start":{"line":6,"column":4},"end":{"line":6,"column":17}}}) : helper))) != null ? stack1 : "")
    + "=... temporal-auth render "
    + ((stack1 = (((helper = lookupProperty(helpers,"file") || alias1(depth0, "file", {"start":{"line":6,"column":45},"end":{"line":6,"column":49}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"file","hash":{},"data":data,"loc":{"start":{"line":6,"column":43},"end":{"line":6,"column":51}}}) : helper))) != null ? stack1 : "")
    + "\napiVersion: temporal-auth/v1\nkind: AuthSpec\n\n# The official temporalio/helm-charts chart version you install.\nchart:\n  version: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":12,"column":13},"end":{"line":12,"column":17}} )).call(alias2,lookupProperty(depth0,"chartVersion"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":12,"column":11},"end":{"line":12,"column":32}}})) != null ? stack1 : "")
    + "\n\nrelease:\n  name: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":15,"column":10},"end":{"line":15,"column":14}} )).call(alias2,lookupProperty(depth0,"release"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":15,"column":8},"end":{"line":15,"column":24}}})) != null ? stack1 : "")
    + "\n  namespace: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":16,"column":15},"end":{"line":16,"column":19}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":16,"column":13},"end":{"line":16,"column":31}}})) != null ? stack1 : "")
    + "\n\nserver:\n  # custom: a server image with a ClaimMapper/Authorizer that reads the policy\n  # temporal-auth mounts (see the README's image contract). builtin: the stock\n  # image and Temporal's JWT claim mapper (the IdP must emit namespace:role strings).\n  authorization:\n    mode: custom\n    # Turning auth on in a running cluster? Start with enforce: false (shadow\n    # mode: denials are logged, not enforced; README \"Turning auth on without an outage\").\n  image:\n    repository: ghcr.io/your-org/temporal-auth-server\n    tag: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":28,"column":11},"end":{"line":28,"column":15}} )).call(alias2,lookupProperty(depth0,"imageTag"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":28,"column":9},"end":{"line":28,"column":26}}})) != null ? stack1 : "")
    + "\n  # Temporal's own system worker calls this service; keep it on.\n  internalFrontend:\n    enabled: true\n    networkPolicy: true\n\nissuer:\n  # Exactly as "
    + ((stack1 = (((helper = lookupProperty(helpers,"discoveryUrl") || alias1(depth0, "discoveryUrl", {"start":{"line":35,"column":17},"end":{"line":35,"column":29}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"discoveryUrl","hash":{},"data":data,"loc":{"start":{"line":35,"column":15},"end":{"line":35,"column":31}}}) : helper))) != null ? stack1 : "")
    + " states it.\n  url: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":36,"column":9},"end":{"line":36,"column":13}} )).call(alias2,lookupProperty(depth0,"issuer"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":36,"column":7},"end":{"line":36,"column":22}}})) != null ? stack1 : "")
    + "\n  provider: "
    + ((stack1 = (((helper = lookupProperty(helpers,"provider") || alias1(depth0, "provider", {"start":{"line":37,"column":14},"end":{"line":37,"column":22}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"provider","hash":{},"data":data,"loc":{"start":{"line":37,"column":12},"end":{"line":37,"column":24}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"notes"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":38,"column":0},"end":{"line":40,"column":9}}})) != null ? stack1 : "")
    + "  # JWKS: "
    + ((stack1 = (((helper = lookupProperty(helpers,"jwks") || alias1(depth0, "jwks", {"start":{"line":41,"column":12},"end":{"line":41,"column":16}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"jwks","hash":{},"data":data,"loc":{"start":{"line":41,"column":10},"end":{"line":41,"column":18}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"audience"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":42,"column":0},"end":{"line":45,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"groupsClaim"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":46,"column":0},"end":{"line":52,"column":7}}})) != null ? stack1 : "")
    + "\nclients:\n  web:\n    clientId: temporal-ui\n    # Read at render time; a literal secret is refused.\n    clientSecret:\n      fromEnv: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretEnv") || alias1(depth0, "secretEnv", {"start":{"line":59,"column":17},"end":{"line":59,"column":26}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretEnv","hash":{},"data":data,"loc":{"start":{"line":59,"column":15},"end":{"line":59,"column":28}}}) : helper))) != null ? stack1 : "")
    + "\n    callbackUrl: https://temporal.example.com/auth/sso/callback\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"scopesComment"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":61,"column":0},"end":{"line":63,"column":7}}})) != null ? stack1 : "")
    + "    scopes: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":64,"column":14},"end":{"line":64,"column":18}} )).call(alias2,lookupProperty(depth0,"scopes"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":64,"column":12},"end":{"line":64,"column":27}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"webSettings"),{"name":"each","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":65,"column":0},"end":{"line":70,"column":9}}})) != null ? stack1 : "")
    + "  # Machine clients that get tokens with the client_credentials grant:\n  # workers:\n  #   - name: orders-worker\n  #     clientId: orders-worker\n  #     clientSecret: { fromEnv: ORDERS_WORKER_CLIENT_SECRET }\n  #     grants: { default: write }\n\nnamespaces:\n  default:\n    grants:\n      - group: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":81,"column":17},"end":{"line":81,"column":21}} )).call(alias2,lookupProperty(depth0,"exampleGroup"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":81,"column":15},"end":{"line":81,"column":36}}})) != null ? stack1 : "")
    + "\n        role: write\n\n# Cluster-wide role: everyone who uses the Web UI needs system read to list namespaces.\nsystem:\n  grants:\n    - group: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":87,"column":15},"end":{"line":87,"column":19}} )).call(alias2,lookupProperty(depth0,"exampleGroup"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":87,"column":13},"end":{"line":87,"column":34}}})) != null ? stack1 : "")
    + "\n      role: read\n\nsecrets:\n  name: temporal-auth-secrets\n";
},"useData":true},
  "render-summary": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "Wrote "
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"written"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":6},"end":{"line":2,"column":77}}})) != null ? stack1 : "")
    + " to "
    + ((stack1 = (((helper = lookupProperty(helpers,"outDir") || container.strict(depth0, "outDir", {"start":{"line":2,"column":83},"end":{"line":2,"column":89}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"outDir","hash":{},"data":data,"loc":{"start":{"line":2,"column":81},"end":{"line":2,"column":91}}}) : helper))) != null ? stack1 : "")
    + "/\n";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"unless").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(data,"first"),{"name":"unless","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":29},"end":{"line":2,"column":60}}})) != null ? stack1 : "")
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "");
},"2":function(container,depth0,helpers,partials,data) {
    return ", ";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "No Secret written (--no-secrets): create Secret "
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"steps"),"serverSecret"), "name", {"start":{"line":5,"column":50},"end":{"line":5,"column":73}} ), depth0)) != null ? stack1 : "")
    + " in "
    + ((stack1 = alias2(alias1(lookupProperty(lookupProperty(depth0,"steps"),"serverSecret"), "namespace", {"start":{"line":5,"column":81},"end":{"line":5,"column":109}} ), depth0)) != null ? stack1 : "")
    + " with keys "
    + ((stack1 = lookupProperty(helpers,"each").call(alias3,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"serverSecret"),"keys"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":5,"column":122},"end":{"line":5,"column":203}}})) != null ? stack1 : "")
    + " before upgrading.\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias3,lookupProperty(lookupProperty(depth0,"steps"),"workers"),{"name":"each","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":6,"column":0},"end":{"line":8,"column":9}}})) != null ? stack1 : "");
},"4":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  and for worker "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":7,"column":19},"end":{"line":7,"column":23}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":7,"column":17},"end":{"line":7,"column":25}}}) : helper))) != null ? stack1 : "")
    + ": Secret "
    + ((stack1 = (((helper = lookupProperty(helpers,"secret") || alias1(depth0, "secret", {"start":{"line":7,"column":36},"end":{"line":7,"column":42}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secret","hash":{},"data":data,"loc":{"start":{"line":7,"column":34},"end":{"line":7,"column":44}}}) : helper))) != null ? stack1 : "")
    + " in "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":7,"column":50},"end":{"line":7,"column":59}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":7,"column":48},"end":{"line":7,"column":61}}}) : helper))) != null ? stack1 : "")
    + " with keys "
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depth0,"keys"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":7,"column":72},"end":{"line":7,"column":134}}})) != null ? stack1 : "")
    + "\n";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  Before the upgrade, the server runs "
    + ((stack1 = (((helper = lookupProperty(helpers,"image") || alias1(depth0, "image", {"start":{"line":13,"column":40},"end":{"line":13,"column":45}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"image","hash":{},"data":data,"loc":{"start":{"line":13,"column":38},"end":{"line":13,"column":47}}}) : helper))) != null ? stack1 : "")
    + " (server.image): temporal-auth's custom-auth server, built from its server/ folder (Dockerfile, TEMPORAL_VERSION "
    + ((stack1 = (((helper = lookupProperty(helpers,"temporalVersion") || alias1(depth0, "temporalVersion", {"start":{"line":13,"column":162},"end":{"line":13,"column":177}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"temporalVersion","hash":{},"data":data,"loc":{"start":{"line":13,"column":160},"end":{"line":13,"column":179}}}) : helper))) != null ? stack1 : "")
    + ") and pushed to your registry. Build and push it unless the registry has it (README: Custom-auth server; .github/workflows/server-image.yml builds it multi-arch).\n";
},"6":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, alias1=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  kubectl apply -n "
    + ((stack1 = alias1(container.strict(lookupProperty(lookupProperty(depths[1],"steps"),"kubectl"), "namespace", {"start":{"line":16,"column":21},"end":{"line":16,"column":47}} ), depth0)) != null ? stack1 : "")
    + " -f "
    + ((stack1 = alias1(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  kubectl create namespace "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "   # once: a worker's Secret goes to its namespace, which must exist\n";
},"8":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  kubectl apply -f "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "   # each worker's Secret goes to its own namespace\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  kubectl apply -f "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "   # cluster-scoped: lets the server's pods read the cluster's JWKS from the API server\n";
},"10":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depths[1],"userValues"),"length"),{"name":"if","hash":{},"fn":container.program(11, data, 0, blockParams, depths),"inverse":container.program(13, data, 0, blockParams, depths),"data":data,"loc":{"start":{"line":28,"column":0},"end":{"line":38,"column":7}}})) != null ? stack1 : "");
},"11":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  helm repo add temporal https://go.temporal.io/helm-charts   # once\n  helm upgrade --install "
    + ((stack1 = (((helper = lookupProperty(helpers,"release") || alias1(depth0, "release", {"start":{"line":30,"column":27},"end":{"line":30,"column":34}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"release","hash":{},"data":data,"loc":{"start":{"line":30,"column":25},"end":{"line":30,"column":36}}}) : helper))) != null ? stack1 : "")
    + " temporal/temporal --version "
    + ((stack1 = (((helper = lookupProperty(helpers,"chartVersion") || alias1(depth0, "chartVersion", {"start":{"line":30,"column":67},"end":{"line":30,"column":79}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"chartVersion","hash":{},"data":data,"loc":{"start":{"line":30,"column":65},"end":{"line":30,"column":81}}}) : helper))) != null ? stack1 : "")
    + " -n "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":30,"column":87},"end":{"line":30,"column":96}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":30,"column":85},"end":{"line":30,"column":98}}}) : helper))) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depths[1],"userValues"),{"name":"each","hash":{},"fn":container.program(12, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":30,"column":98},"end":{"line":30,"column":142}}})) != null ? stack1 : "")
    + " -f "
    + ((stack1 = (((helper = lookupProperty(helpers,"valuesFile") || alias1(depth0, "valuesFile", {"start":{"line":30,"column":148},"end":{"line":30,"column":158}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"valuesFile","hash":{},"data":data,"loc":{"start":{"line":30,"column":146},"end":{"line":30,"column":160}}}) : helper))) != null ? stack1 : "")
    + "\n  (keeps every value in "
    + ((stack1 = lookupProperty(helpers,"each").call(alias2,lookupProperty(depths[1],"userValues"),{"name":"each","hash":{},"fn":container.program(1, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":31,"column":24},"end":{"line":31,"column":95}}})) != null ? stack1 : "")
    + ": Helm starts from the chart's defaults, applies it, then "
    + ((stack1 = (((helper = lookupProperty(helpers,"valuesFile") || alias1(depth0, "valuesFile", {"start":{"line":31,"column":155},"end":{"line":31,"column":165}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"valuesFile","hash":{},"data":data,"loc":{"start":{"line":31,"column":153},"end":{"line":31,"column":167}}}) : helper))) != null ? stack1 : "")
    + ", whose lists hold its entries too)\n";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1;

  return " -f "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "");
},"13":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  Helm replaces a list wholesale, so "
    + ((stack1 = (((helper = lookupProperty(helpers,"valuesFile") || alias1(depth0, "valuesFile", {"start":{"line":33,"column":39},"end":{"line":33,"column":49}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"valuesFile","hash":{},"data":data,"loc":{"start":{"line":33,"column":37},"end":{"line":33,"column":51}}}) : helper))) != null ? stack1 : "")
    + " must hold your own env, volume and mount entries\n  too: render again with your values (your values file, or the ones a release already runs):\n  helm get values "
    + ((stack1 = (((helper = lookupProperty(helpers,"release") || alias1(depth0, "release", {"start":{"line":35,"column":20},"end":{"line":35,"column":27}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"release","hash":{},"data":data,"loc":{"start":{"line":35,"column":18},"end":{"line":35,"column":29}}}) : helper))) != null ? stack1 : "")
    + " -n "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":35,"column":35},"end":{"line":35,"column":44}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":35,"column":33},"end":{"line":35,"column":46}}}) : helper))) != null ? stack1 : "")
    + " -o yaml > "
    + ((stack1 = alias4(alias1(depths[1], "releaseValuesFile", {"start":{"line":35,"column":59},"end":{"line":35,"column":79}} ), depth0)) != null ? stack1 : "")
    + "\n  "
    + ((stack1 = alias4(alias1(depths[1], "rerender", {"start":{"line":36,"column":4},"end":{"line":36,"column":15}} ), depth0)) != null ? stack1 : "")
    + " --values "
    + ((stack1 = alias4(alias1(depths[1], "releaseValuesFile", {"start":{"line":36,"column":29},"end":{"line":36,"column":49}} ), depth0)) != null ? stack1 : "")
    + "\n  (that render prints the helm upgrade to run)\n";
},"14":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nWorkers: add to each worker's Deployment (the snippets of `temporal-auth token --client NAME` read these env names):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"steps"),"workers"),{"name":"each","hash":{},"fn":container.program(15, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":43,"column":0},"end":{"line":45,"column":9}}})) != null ? stack1 : "");
},"15":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":44,"column":4},"end":{"line":44,"column":8}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":44,"column":2},"end":{"line":44,"column":10}}}) : helper))) != null ? stack1 : "")
    + " (namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":44,"column":24},"end":{"line":44,"column":33}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":44,"column":22},"end":{"line":44,"column":35}}}) : helper))) != null ? stack1 : "")
    + "): envFrom: [{ secretRef: { name: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secret") || alias1(depth0, "secret", {"start":{"line":44,"column":71},"end":{"line":44,"column":77}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secret","hash":{},"data":data,"loc":{"start":{"line":44,"column":69},"end":{"line":44,"column":79}}}) : helper))) != null ? stack1 : "")
    + " } }]\n";
},"16":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), alias2=container.strict, alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nWorkers with a service account (no Secret): once the server runs the new values, add the token to each worker's existing Deployment with server-side apply (its pods roll):\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"apply"),{"name":"each","hash":{},"fn":container.program(17, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":50,"column":0},"end":{"line":52,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"workers"),{"name":"each","hash":{},"fn":container.program(18, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":53,"column":0},"end":{"line":55,"column":9}}})) != null ? stack1 : "")
    + "  Or add the same to your own manifests: serviceAccountName, a projected volume "
    + ((stack1 = (((helper = lookupProperty(helpers,"volume") || alias2(depth0, "volume", {"start":{"line":56,"column":82},"end":{"line":56,"column":88}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"volume","hash":{},"data":data,"loc":{"start":{"line":56,"column":80},"end":{"line":56,"column":90}}}) : helper))) != null ? stack1 : "")
    + " (serviceAccountToken: audience "
    + ((stack1 = (((helper = lookupProperty(helpers,"audience") || alias2(depth0, "audience", {"start":{"line":56,"column":124},"end":{"line":56,"column":132}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"audience","hash":{},"data":data,"loc":{"start":{"line":56,"column":122},"end":{"line":56,"column":134}}}) : helper))) != null ? stack1 : "")
    + ", expirationSeconds "
    + ((stack1 = (((helper = lookupProperty(helpers,"expirationSeconds") || alias2(depth0, "expirationSeconds", {"start":{"line":56,"column":156},"end":{"line":56,"column":173}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"expirationSeconds","hash":{},"data":data,"loc":{"start":{"line":56,"column":154},"end":{"line":56,"column":175}}}) : helper))) != null ? stack1 : "")
    + ", path "
    + ((stack1 = (((helper = lookupProperty(helpers,"tokenName") || alias2(depth0, "tokenName", {"start":{"line":56,"column":184},"end":{"line":56,"column":193}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"tokenName","hash":{},"data":data,"loc":{"start":{"line":56,"column":182},"end":{"line":56,"column":195}}}) : helper))) != null ? stack1 : "")
    + ") mounted read-only at "
    + ((stack1 = (((helper = lookupProperty(helpers,"mountPath") || alias2(depth0, "mountPath", {"start":{"line":56,"column":220},"end":{"line":56,"column":229}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"mountPath","hash":{},"data":data,"loc":{"start":{"line":56,"column":218},"end":{"line":56,"column":231}}}) : helper))) != null ? stack1 : "")
    + ", and env "
    + ((stack1 = (((helper = lookupProperty(helpers,"tokenEnv") || alias2(depth0, "tokenEnv", {"start":{"line":56,"column":243},"end":{"line":56,"column":251}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"tokenEnv","hash":{},"data":data,"loc":{"start":{"line":56,"column":241},"end":{"line":56,"column":253}}}) : helper))) != null ? stack1 : "")
    + "="
    + ((stack1 = (((helper = lookupProperty(helpers,"tokenFile") || alias2(depth0, "tokenFile", {"start":{"line":56,"column":256},"end":{"line":56,"column":265}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"tokenFile","hash":{},"data":data,"loc":{"start":{"line":56,"column":254},"end":{"line":56,"column":267}}}) : helper))) != null ? stack1 : "")
    + ".\n  The worker snippets (`temporal-auth token --client NAME` prints them) read the token from the file "
    + ((stack1 = (((helper = lookupProperty(helpers,"tokenEnv") || alias2(depth0, "tokenEnv", {"start":{"line":57,"column":103},"end":{"line":57,"column":111}} ))),(typeof helper === alias3 ? helper.call(alias1,{"name":"tokenEnv","hash":{},"data":data,"loc":{"start":{"line":57,"column":101},"end":{"line":57,"column":113}}}) : helper))) != null ? stack1 : "")
    + " names, again as the kubelet rotates it.\n";
},"17":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "  "
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"18":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  "
    + ((stack1 = (((helper = lookupProperty(helpers,"name") || alias1(depth0, "name", {"start":{"line":54,"column":4},"end":{"line":54,"column":8}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"name","hash":{},"data":data,"loc":{"start":{"line":54,"column":2},"end":{"line":54,"column":10}}}) : helper))) != null ? stack1 : "")
    + " (namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":54,"column":24},"end":{"line":54,"column":33}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":54,"column":22},"end":{"line":54,"column":35}}}) : helper))) != null ? stack1 : "")
    + "): ServiceAccount "
    + ((stack1 = (((helper = lookupProperty(helpers,"serviceAccount") || alias1(depth0, "serviceAccount", {"start":{"line":54,"column":55},"end":{"line":54,"column":69}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"serviceAccount","hash":{},"data":data,"loc":{"start":{"line":54,"column":53},"end":{"line":54,"column":71}}}) : helper))) != null ? stack1 : "")
    + "; Deployment "
    + ((stack1 = (((helper = lookupProperty(helpers,"deployment") || alias1(depth0, "deployment", {"start":{"line":54,"column":86},"end":{"line":54,"column":96}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"deployment","hash":{},"data":data,"loc":{"start":{"line":54,"column":84},"end":{"line":54,"column":98}}}) : helper))) != null ? stack1 : "")
    + ", container "
    + ((stack1 = (((helper = lookupProperty(helpers,"container") || alias1(depth0, "container", {"start":{"line":54,"column":112},"end":{"line":54,"column":121}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"container","hash":{},"data":data,"loc":{"start":{"line":54,"column":110},"end":{"line":54,"column":123}}}) : helper))) != null ? stack1 : "")
    + "\n";
},"19":function(container,depth0,helpers,partials,data) {
    var stack1;

  return "\n"
    + ((stack1 = container.lambda(depth0, depth0)) != null ? stack1 : "")
    + "\n";
},"20":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\n"
    + ((stack1 = (((helper = lookupProperty(helpers,"heading") || container.strict(depth0, "heading", {"start":{"line":69,"column":2},"end":{"line":69,"column":9}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"heading","hash":{},"data":data,"loc":{"start":{"line":69,"column":0},"end":{"line":69,"column":11}}}) : helper))) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"steps"),{"name":"each","hash":{},"fn":container.program(17, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":70,"column":0},"end":{"line":72,"column":9}}})) != null ? stack1 : "");
},"21":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=depth0 != null ? depth0 : (container.nullContext || {}), alias2=container.strict, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nShadow mode: "
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"clusterCalls"),{"name":"if","hash":{},"fn":container.program(22, data, 0),"inverse":container.program(24, data, 0),"data":data,"loc":{"start":{"line":76,"column":13},"end":{"line":76,"column":271}}})) != null ? stack1 : "")
    + ": the server decides as usual, logs each call it would deny (would-deny) and lets it through, no token included.\n  After the rollout, collect what would have been denied and the grants that would allow it:\n  "
    + ((stack1 = (((helper = lookupProperty(helpers,"collect") || alias2(depth0, "collect", {"start":{"line":78,"column":4},"end":{"line":78,"column":11}} ))),(typeof helper === "function" ? helper.call(alias1,{"name":"collect","hash":{},"data":data,"loc":{"start":{"line":78,"column":2},"end":{"line":78,"column":13}}}) : helper))) != null ? stack1 : "")
    + "\n  Fix the grants, render again, then set enforce: true one namespace at a time (namespaces.<name>.enforce).\n  Runbook: "
    + ((stack1 = container.lambda(alias2(lookupProperty(data,"root"), "shadowRunbook", {"start":{"line":80,"column":13},"end":{"line":80,"column":32}} ), depth0)) != null ? stack1 : "")
    + "\n";
},"22":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "calls are not enforced"
    + ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"enforced"),"length"),{"name":"if","hash":{},"fn":container.program(23, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":76,"column":55},"end":{"line":76,"column":162}}})) != null ? stack1 : "");
},"23":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return " except on "
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"enforced"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":76,"column":89},"end":{"line":76,"column":155}}})) != null ? stack1 : "");
},"24":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "calls on "
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"namespaces"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":76,"column":179},"end":{"line":76,"column":247}}})) != null ? stack1 : "")
    + " are not enforced";
},"25":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nFirst rollout onto a cluster that runs without auth: set server.authorization.enforce: false (shadow mode) for the first upgrade, then enforce. Runbook: "
    + ((stack1 = container.lambda(container.strict(lookupProperty(data,"root"), "shadowRunbook", {"start":{"line":84,"column":155},"end":{"line":84,"column":174}} ), depth0)) != null ? stack1 : "")
    + "\n";
},"26":function(container,depth0,helpers,partials,data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "\nPrincipal: workflow history records each caller by its token's "
    + ((stack1 = (((helper = lookupProperty(helpers,"claim") || container.strict(depth0, "claim", {"start":{"line":88,"column":65},"end":{"line":88,"column":70}} ))),(typeof helper === "function" ? helper.call(depth0 != null ? depth0 : (container.nullContext || {}),{"name":"claim","hash":{},"data":data,"loc":{"start":{"line":88,"column":63},"end":{"line":88,"column":72}}}) : helper))) != null ? stack1 : "")
    + " claim (sub when it has none; worker clients by their name), through the dynamic config frontend.enablePrincipalPropagation in the values file (the server rereads dynamic config: no restart).\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"outDir"),{"name":"if","hash":{},"fn":container.program(0, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":0},"end":{"line":3,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"unless").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"serverSecret"),"written"),{"name":"unless","hash":{},"fn":container.program(3, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":4,"column":0},"end":{"line":9,"column":11}}})) != null ? stack1 : "")
    + "\nNext:\n"
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"serverImage"),{"name":"with","hash":{},"fn":container.program(5, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":12,"column":0},"end":{"line":14,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"kubectl"),"files"),{"name":"each","hash":{},"fn":container.program(6, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":17,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"kubectlWorkers"),"createNamespaces"),{"name":"each","hash":{},"fn":container.program(7, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":18,"column":0},"end":{"line":20,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"kubectlWorkers"),"files"),{"name":"each","hash":{},"fn":container.program(8, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":21,"column":0},"end":{"line":23,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"kubectlCluster"),"files"),{"name":"each","hash":{},"fn":container.program(9, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":24,"column":0},"end":{"line":26,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"helm"),{"name":"with","hash":{},"fn":container.program(10, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":27,"column":0},"end":{"line":39,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(lookupProperty(lookupProperty(depth0,"steps"),"workers"),"length"),{"name":"if","hash":{},"fn":container.program(14, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":40,"column":0},"end":{"line":46,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"serviceAccountWorkers"),{"name":"with","hash":{},"fn":container.program(16, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":47,"column":0},"end":{"line":58,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"operators"),{"name":"each","hash":{},"fn":container.program(19, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":59,"column":0},"end":{"line":62,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"gitops"),{"name":"each","hash":{},"fn":container.program(19, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":63,"column":0},"end":{"line":66,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"identityProvider"),{"name":"with","hash":{},"fn":container.program(20, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":67,"column":0},"end":{"line":73,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"shadow"),{"name":"with","hash":{},"fn":container.program(21, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":74,"column":0},"end":{"line":81,"column":9}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"rolloutRunbook"),{"name":"if","hash":{},"fn":container.program(25, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":82,"column":0},"end":{"line":85,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"with").call(alias1,lookupProperty(lookupProperty(depth0,"steps"),"principal"),{"name":"with","hash":{},"fn":container.program(26, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":86,"column":0},"end":{"line":89,"column":9}}})) != null ? stack1 : "");
},"useData":true,"useDepths":true},
  "snippets/go-worker-service-account": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// Go SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":36},"end":{"line":1,"column":45}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":34},"end":{"line":1,"column":47}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":75},"end":{"line":1,"column":85}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":73},"end":{"line":1,"column":87}}}) : helper))) != null ? stack1 : "")
    + " by its Kubernetes\n// service account "
    + ((stack1 = (((helper = lookupProperty(helpers,"serviceAccount") || alias1(depth0, "serviceAccount", {"start":{"line":2,"column":21},"end":{"line":2,"column":35}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"serviceAccount","hash":{},"data":data,"loc":{"start":{"line":2,"column":19},"end":{"line":2,"column":37}}}) : helper))) != null ? stack1 : "")
    + " (token subject "
    + ((stack1 = (((helper = lookupProperty(helpers,"subject") || alias1(depth0, "subject", {"start":{"line":2,"column":55},"end":{"line":2,"column":62}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"subject","hash":{},"data":data,"loc":{"start":{"line":2,"column":53},"end":{"line":2,"column":64}}}) : helper))) != null ? stack1 : "")
    + "): no client ID, no client secret.\n// Grants: "
    + ((stack1 = (((helper = lookupProperty(helpers,"grants") || alias1(depth0, "grants", {"start":{"line":3,"column":13},"end":{"line":3,"column":19}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"grants","hash":{},"data":data,"loc":{"start":{"line":3,"column":11},"end":{"line":3,"column":21}}}) : helper))) != null ? stack1 : "")
    + ".\n// worker-identity.yaml gives Deployment "
    + ((stack1 = (((helper = lookupProperty(helpers,"deployment") || alias1(depth0, "deployment", {"start":{"line":4,"column":43},"end":{"line":4,"column":53}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"deployment","hash":{},"data":data,"loc":{"start":{"line":4,"column":41},"end":{"line":4,"column":55}}}) : helper))) != null ? stack1 : "")
    + " (container "
    + ((stack1 = (((helper = lookupProperty(helpers,"container") || alias1(depth0, "container", {"start":{"line":4,"column":69},"end":{"line":4,"column":78}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"container","hash":{},"data":data,"loc":{"start":{"line":4,"column":67},"end":{"line":4,"column":80}}}) : helper))) != null ? stack1 : "")
    + ") the service account and a\n// projected token, with "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":5,"column":27},"end":{"line":5,"column":40}} ), depth0)) != null ? stack1 : "")
    + "="
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":5,"column":45},"end":{"line":5,"column":59}} ), depth0)) != null ? stack1 : "")
    + " in the container's env.\n// The kubelet rewrites that file before the token expires (an atomic symlink swap): tokens.Token runs\n// before every call, sends \"authorization: Bearer <the file's token>\", and re-reads the file when its\n// stat shows another file, size or mtime, and at least every "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":8,"column":64},"end":{"line":8,"column":77}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":8,"column":62},"end":{"line":8,"column":79}}}) : helper))) != null ? stack1 : "")
    + " s, so the worker picks up the\n// new token without a restart.\npackage main\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"io\"\n\t\"log\"\n\t\"os\"\n\t\"strings\"\n\t\"sync\"\n\t\"time\"\n\n\t\"go.temporal.io/sdk/client\"\n\t\"go.temporal.io/sdk/worker\"\n)\n\nconst (\n\ttokenFileEnv     = \""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":28,"column":23},"end":{"line":28,"column":36}} ), depth0)) != null ? stack1 : "")
    + "\"\n\tdefaultTokenFile = \""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":29,"column":23},"end":{"line":29,"column":37}} ), depth0)) != null ? stack1 : "")
    + "\"\n\t// The largest token the server accepts: a larger file holds no token.\n\tmaxTokenBytes = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxTokenBytes") || alias1(depth0, "maxTokenBytes", {"start":{"line":31,"column":19},"end":{"line":31,"column":32}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxTokenBytes","hash":{},"data":data,"loc":{"start":{"line":31,"column":17},"end":{"line":31,"column":34}}}) : helper))) != null ? stack1 : "")
    + "\n\t// The kubelet swaps in a new token at 80% of its lifetime (600 s at least), so the old one stays\n\t// valid 120 s or more: re-reading at least this often picks up a swap a stat could miss in time.\n\tmaxTokenAge = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":34,"column":17},"end":{"line":34,"column":30}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":34,"column":15},"end":{"line":34,"column":32}}}) : helper))) != null ? stack1 : "")
    + " * time.Second\n)\n\n// tokenFile holds the token last read from path and re-reads it when the file changes.\ntype tokenFile struct {\n\tpath   string\n\tmu     sync.Mutex\n\ttoken  string\n\tinfo   os.FileInfo\n\treadAt time.Time\n}\n\nfunc (f *tokenFile) Token(context.Context) (string, error) {\n\tf.mu.Lock()\n\tdefer f.mu.Unlock()\n\t// os.Stat follows the symlink the kubelet swaps: a new token is another file.\n\tinfo, err := os.Stat(f.path)\n\tif err != nil {\n\t\treturn \"\", f.fail(err)\n\t}\n\tif f.token != \"\" && os.SameFile(info, f.info) && info.ModTime().Equal(f.info.ModTime()) && info.Size() == f.info.Size() && time.Since(f.readAt) < maxTokenAge {\n\t\treturn f.token, nil\n\t}\n\tfile, err := os.Open(f.path)\n\tif err != nil {\n\t\treturn \"\", f.fail(err)\n\t}\n\tdefer file.Close()\n\tdata, err := io.ReadAll(io.LimitReader(file, maxTokenBytes+1))\n\tswitch {\n\tcase err != nil:\n\t\treturn \"\", f.fail(err)\n\tcase len(data) > maxTokenBytes:\n\t\treturn \"\", f.fail(fmt.Errorf(\"larger than %d bytes\", maxTokenBytes))\n\t}\n\ttoken := strings.TrimSpace(string(data))\n\tif token == \"\" {\n\t\treturn \"\", f.fail(errors.New(\"the file is empty\"))\n\t}\n\tf.token, f.info, f.readAt = token, info, time.Now()\n\treturn token, nil\n}\n\nfunc (f *tokenFile) fail(err error) error {\n\treturn fmt.Errorf(\"no service-account token in %s=%s: %w (is the projected token volume of worker-identity.yaml mounted?)\", tokenFileEnv, f.path, err)\n}\n\nfunc envOr(name, fallback string) string {\n\tif value := os.Getenv(name); value != \"\" {\n\t\treturn value\n\t}\n\treturn fallback\n}\n\nfunc dial(tokens *tokenFile) (client.Client, error) {\n\treturn client.Dial(client.Options{\n\t\tHostPort:  envOr(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":90,"column":41},"end":{"line":90,"column":45}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":90,"column":39},"end":{"line":90,"column":56}}})) != null ? stack1 : "")
    + "),\n\t\tNamespace: envOr(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":91,"column":43},"end":{"line":91,"column":47}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":91,"column":41},"end":{"line":91,"column":59}}})) != null ? stack1 : "")
    + "),\n\t\t// The SDK's HeadersProvider for an API key: tokens.Token runs before every call.\n\t\tCredentials: client.NewAPIKeyDynamicCredentials(tokens.Token),\n\t\t// An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":94,"column":41},"end":{"line":94,"column":176}}})) != null ? stack1 : "")
    + "\n\t\tConnectionOptions: client.ConnectionOptions{\n\t\t\tTLSDisabled: "
    + ((stack1 = (((helper = lookupProperty(helpers,"tlsDisabled") || alias1(depth0, "tlsDisabled", {"start":{"line":96,"column":18},"end":{"line":96,"column":29}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"tlsDisabled","hash":{},"data":data,"loc":{"start":{"line":96,"column":16},"end":{"line":96,"column":31}}}) : helper))) != null ? stack1 : "")
    + ",\n\t\t},\n\t})\n}\n\nfunc main() {\n\ttokens := &tokenFile{path: envOr(tokenFileEnv, defaultTokenFile)}\n\tif _, err := tokens.Token(context.Background()); err != nil {\n\t\tlog.Fatalln(err)\n\t}\n\tc, err := dial(tokens)\n\tif err != nil {\n\t\tlog.Fatalln(\"unable to connect to Temporal:\", err)\n\t}\n\tdefer c.Close()\n\tw := worker.New(c, envOr(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"), worker.Options{})\n\t// w.RegisterWorkflow(YourWorkflow)\n\t// w.RegisterActivity(YourActivity)\n\tif err := w.Run(worker.InterruptCh()); err != nil {\n\t\tlog.Fatalln(\"worker stopped:\", err)\n\t}\n}\n";
},"useData":true},
  "snippets/go-worker": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// Go SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":36},"end":{"line":1,"column":45}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":34},"end":{"line":1,"column":47}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker client "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":82},"end":{"line":1,"column":92}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":80},"end":{"line":1,"column":94}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"clientId") || alias1(depth0, "clientId", {"start":{"line":1,"column":98},"end":{"line":1,"column":106}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientId","hash":{},"data":data,"loc":{"start":{"line":1,"column":96},"end":{"line":1,"column":108}}}) : helper))) != null ? stack1 : "")
    + ").\n// Its Deployment reads the Secret render writes: envFrom: [{ secretRef: { name: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretName") || alias1(depth0, "secretName", {"start":{"line":2,"column":83},"end":{"line":2,"column":93}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretName","hash":{},"data":data,"loc":{"start":{"line":2,"column":81},"end":{"line":2,"column":95}}}) : helper))) != null ? stack1 : "")
    + " } }]\n// ("
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":3,"column":6},"end":{"line":3,"column":19}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":3,"column":25},"end":{"line":3,"column":42}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":3,"column":48},"end":{"line":3,"column":61}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":3,"column":67},"end":{"line":3,"column":80}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":3,"column":86},"end":{"line":3,"column":97}} ), depth0)) != null ? stack1 : "")
    + ").\n// A token comes from the client_credentials grant, is sent as \"authorization: Bearer ...\" on every\n// call, and is renewed at 80% of its lifetime, so a long-running worker never sends an expired one.\npackage main\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"io\"\n\t\"log\"\n\t\"net/http\"\n\t\"net/url\"\n\t\"os\"\n\t\"strings\"\n\t\"sync\"\n\t\"time\"\n\n\t\"go.temporal.io/sdk/client\"\n\t\"go.temporal.io/sdk/worker\"\n)\n\n// tokenSource caches the access token and fetches a new one when it is due.\ntype tokenSource struct {\n\tmu        sync.Mutex\n\ttoken     string\n\trenewAt   time.Time\n\texpiresAt time.Time\n\thttp      *http.Client\n}\n\nfunc (s *tokenSource) Token(ctx context.Context) (string, error) {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\tnow := time.Now()\n\tif s.token != \"\" && now.Before(s.renewAt) {\n\t\treturn s.token, nil\n\t}\n\ttoken, lifetime, err := s.fetch(ctx)\n\tif err != nil {\n\t\tif s.token != \"\" && now.Before(s.expiresAt) {\n\t\t\tlog.Printf(\"token renewal failed, using the current token until it expires: %v\", err)\n\t\t\treturn s.token, nil\n\t\t}\n\t\treturn \"\", err\n\t}\n\ts.token, s.renewAt, s.expiresAt = token, now.Add(lifetime*4/5), now.Add(lifetime)\n\treturn token, nil\n}\n\nfunc (s *tokenSource) fetch(ctx context.Context) (string, time.Duration, error) {\n\tendpoint := os.Getenv(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":54,"column":26},"end":{"line":54,"column":39}} ), depth0)) != null ? stack1 : "")
    + "\")\n\tif !strings.HasPrefix(endpoint, \"https://\") {\n\t\treturn \"\", 0, fmt.Errorf(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":56,"column":30},"end":{"line":56,"column":43}} ), depth0)) != null ? stack1 : "")
    + " must be an https URL\")\n\t}\n\tform := url.Values{}\n\tform.Set(\"grant_type\", \"client_credentials\")\n\tif scopes := os.Getenv(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":60,"column":27},"end":{"line":60,"column":38}} ), depth0)) != null ? stack1 : "")
    + "\"); scopes != \"\" {\n\t\tform.Set(\"scope\", scopes)\n\t}\n\tif audience := os.Getenv(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":63,"column":29},"end":{"line":63,"column":42}} ), depth0)) != null ? stack1 : "")
    + "\"); audience != \"\" {\n\t\tform.Set(\""
    + ((stack1 = (((helper = lookupProperty(helpers,"audienceParam") || alias1(depth0, "audienceParam", {"start":{"line":64,"column":14},"end":{"line":64,"column":27}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"audienceParam","hash":{},"data":data,"loc":{"start":{"line":64,"column":12},"end":{"line":64,"column":29}}}) : helper))) != null ? stack1 : "")
    + "\", audience)\n\t}\n\treq, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))\n\tif err != nil {\n\t\treturn \"\", 0, err\n\t}\n\treq.Header.Set(\"Content-Type\", \"application/x-www-form-urlencoded\")\n\treq.SetBasicAuth(url.QueryEscape(os.Getenv(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":71,"column":47},"end":{"line":71,"column":60}} ), depth0)) != null ? stack1 : "")
    + "\")), url.QueryEscape(os.Getenv(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":71,"column":96},"end":{"line":71,"column":113}} ), depth0)) != null ? stack1 : "")
    + "\")))\n\tres, err := s.http.Do(req)\n\tif err != nil {\n\t\treturn \"\", 0, err\n\t}\n\tdefer res.Body.Close()\n\tvar body struct {\n\t\tAccessToken string  `json:\"access_token\"`\n\t\tExpiresIn   float64 `json:\"expires_in\"`\n\t}\n\tif err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&body); err != nil || res.StatusCode != http.StatusOK || body.AccessToken == \"\" {\n\t\treturn \"\", 0, fmt.Errorf(\"the token endpoint refused the client_credentials grant (HTTP %d)\", res.StatusCode)\n\t}\n\tlifetime := time.Duration(body.ExpiresIn * float64(time.Second))\n\tif lifetime <= 0 {\n\t\tlifetime = 5 * time.Minute // no expires_in: renew often\n\t}\n\treturn body.AccessToken, lifetime, nil\n}\n\nfunc envOr(name, fallback string) string {\n\tif value := os.Getenv(name); value != \"\" {\n\t\treturn value\n\t}\n\treturn fallback\n}\n\nfunc main() {\n\ttokens := &tokenSource{http: &http.Client{\n\t\tTimeout: 15 * time.Second,\n\t\t// Never follow a redirect: it would carry the client secret elsewhere.\n\t\tCheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },\n\t}}\n\tc, err := client.Dial(client.Options{\n\t\tHostPort:  envOr(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":105,"column":41},"end":{"line":105,"column":45}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":105,"column":39},"end":{"line":105,"column":56}}})) != null ? stack1 : "")
    + "),\n\t\tNamespace: envOr(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":106,"column":43},"end":{"line":106,"column":47}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":106,"column":41},"end":{"line":106,"column":59}}})) != null ? stack1 : "")
    + "),\n\t\t// The SDK's HeadersProvider for an API key: tokens.Token runs before every call.\n\t\tCredentials: client.NewAPIKeyDynamicCredentials(tokens.Token),\n\t\t// An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":109,"column":41},"end":{"line":109,"column":176}}})) != null ? stack1 : "")
    + "\n\t\tConnectionOptions: client.ConnectionOptions{\n\t\t\tTLSDisabled: "
    + ((stack1 = (((helper = lookupProperty(helpers,"tlsDisabled") || alias1(depth0, "tlsDisabled", {"start":{"line":111,"column":18},"end":{"line":111,"column":29}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"tlsDisabled","hash":{},"data":data,"loc":{"start":{"line":111,"column":16},"end":{"line":111,"column":31}}}) : helper))) != null ? stack1 : "")
    + ",\n\t\t},\n\t})\n\tif err != nil {\n\t\tlog.Fatalln(\"unable to connect to Temporal:\", err)\n\t}\n\tdefer c.Close()\n\tw := worker.New(c, envOr(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"), worker.Options{})\n\t// w.RegisterWorkflow(YourWorkflow)\n\t// w.RegisterActivity(YourActivity)\n\tif err := w.Run(worker.InterruptCh()); err != nil {\n\t\tlog.Fatalln(\"worker stopped:\", err)\n\t}\n}\n";
},"useData":true},
  "snippets/java-worker-service-account": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS";
},"2":function(container,depth0,helpers,partials,data) {
    return "false";
},"3":function(container,depth0,helpers,partials,data) {
    return "true";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// Java SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":38},"end":{"line":1,"column":47}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":36},"end":{"line":1,"column":49}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":77},"end":{"line":1,"column":87}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":75},"end":{"line":1,"column":89}}}) : helper))) != null ? stack1 : "")
    + " by its Kubernetes\n// service account "
    + ((stack1 = (((helper = lookupProperty(helpers,"serviceAccount") || alias1(depth0, "serviceAccount", {"start":{"line":2,"column":21},"end":{"line":2,"column":35}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"serviceAccount","hash":{},"data":data,"loc":{"start":{"line":2,"column":19},"end":{"line":2,"column":37}}}) : helper))) != null ? stack1 : "")
    + " (token subject "
    + ((stack1 = (((helper = lookupProperty(helpers,"subject") || alias1(depth0, "subject", {"start":{"line":2,"column":55},"end":{"line":2,"column":62}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"subject","hash":{},"data":data,"loc":{"start":{"line":2,"column":53},"end":{"line":2,"column":64}}}) : helper))) != null ? stack1 : "")
    + "): no client ID, no client secret.\n// Grants: "
    + ((stack1 = (((helper = lookupProperty(helpers,"grants") || alias1(depth0, "grants", {"start":{"line":3,"column":13},"end":{"line":3,"column":19}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"grants","hash":{},"data":data,"loc":{"start":{"line":3,"column":11},"end":{"line":3,"column":21}}}) : helper))) != null ? stack1 : "")
    + ".\n// worker-identity.yaml gives Deployment "
    + ((stack1 = (((helper = lookupProperty(helpers,"deployment") || alias1(depth0, "deployment", {"start":{"line":4,"column":43},"end":{"line":4,"column":53}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"deployment","hash":{},"data":data,"loc":{"start":{"line":4,"column":41},"end":{"line":4,"column":55}}}) : helper))) != null ? stack1 : "")
    + " (container "
    + ((stack1 = (((helper = lookupProperty(helpers,"container") || alias1(depth0, "container", {"start":{"line":4,"column":69},"end":{"line":4,"column":78}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"container","hash":{},"data":data,"loc":{"start":{"line":4,"column":67},"end":{"line":4,"column":80}}}) : helper))) != null ? stack1 : "")
    + ") the service account and a\n// projected token, with "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":5,"column":27},"end":{"line":5,"column":40}} ), depth0)) != null ? stack1 : "")
    + "="
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":5,"column":45},"end":{"line":5,"column":59}} ), depth0)) != null ? stack1 : "")
    + " in the container's env.\n// The kubelet rewrites that file before the token expires (an atomic symlink swap): addApiKey's supplier\n// runs before every call, sends \"authorization: Bearer <the file's token>\", and re-reads the file when its\n// attributes show another file, size or mtime, and at least every "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":8,"column":69},"end":{"line":8,"column":82}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":8,"column":67},"end":{"line":8,"column":84}}}) : helper))) != null ? stack1 : "")
    + " s, so the worker picks up\n// the new token without a restart.\nimport io.temporal.client.WorkflowClient;\nimport io.temporal.client.WorkflowClientOptions;\nimport io.temporal.serviceclient.WorkflowServiceStubs;\nimport io.temporal.serviceclient.WorkflowServiceStubsOptions;\nimport io.temporal.worker.Worker;\nimport io.temporal.worker.WorkerFactory;\nimport java.io.IOException;\nimport java.io.InputStream;\nimport java.nio.charset.StandardCharsets;\nimport java.nio.file.Files;\nimport java.nio.file.Path;\nimport java.nio.file.attribute.BasicFileAttributes;\nimport java.nio.file.attribute.FileTime;\nimport java.time.Duration;\nimport java.time.Instant;\nimport java.util.Objects;\n\npublic final class TemporalWorker {\n  static String env(String name, String fallback) {\n    String value = System.getenv(name);\n    return value == null || value.isEmpty() ? fallback : value;\n  }\n\n  /** The token last read from the file; get() re-reads it when the file changes. */\n  static final class TokenFile {\n    // The largest token the server accepts: a larger file holds no token.\n    static final int MAX_TOKEN_BYTES = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxTokenBytes") || alias1(depth0, "maxTokenBytes", {"start":{"line":36,"column":41},"end":{"line":36,"column":54}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxTokenBytes","hash":{},"data":data,"loc":{"start":{"line":36,"column":39},"end":{"line":36,"column":56}}}) : helper))) != null ? stack1 : "")
    + ";\n    // The kubelet swaps in a new token at 80% of its lifetime (600 s at least), so the old one stays\n    // valid 120 s or more: re-reading at least this often picks up a swap the attributes could miss in time.\n    static final Duration MAX_TOKEN_AGE = Duration.ofSeconds("
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":39,"column":63},"end":{"line":39,"column":76}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":39,"column":61},"end":{"line":39,"column":78}}}) : helper))) != null ? stack1 : "")
    + ");\n\n    private final Path path;\n    private String token;\n    private Object fileKey;\n    private FileTime modified;\n    private long size;\n    private Instant readAt = Instant.EPOCH;\n\n    TokenFile(String path) {\n      this.path = Path.of(path);\n    }\n\n    synchronized String get() {\n      try {\n        // readAttributes follows the symlink the kubelet swaps: a new token is another file (fileKey: device and inode).\n        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);\n        Instant now = Instant.now();\n        if (token != null && Objects.equals(attrs.fileKey(), fileKey) && attrs.lastModifiedTime().equals(modified) && attrs.size() == size && now.isBefore(readAt.plus(MAX_TOKEN_AGE))) {\n          return token;\n        }\n        byte[] data;\n        try (InputStream in = Files.newInputStream(path)) {\n          data = in.readNBytes(MAX_TOKEN_BYTES + 1);\n        }\n        if (data.length > MAX_TOKEN_BYTES) throw fail(\"larger than \" + MAX_TOKEN_BYTES + \" bytes\", null);\n        String next = new String(data, StandardCharsets.UTF_8).strip();\n        if (next.isEmpty()) throw fail(\"the file is empty\", null);\n        token = next;\n        fileKey = attrs.fileKey();\n        modified = attrs.lastModifiedTime();\n        size = attrs.size();\n        readAt = now;\n        return token;\n      } catch (IOException e) {\n        throw fail(e.toString(), e);\n      }\n    }\n\n    private IllegalStateException fail(String why, Throwable cause) {\n      return new IllegalStateException(\"no service-account token in "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":79,"column":70},"end":{"line":79,"column":83}} ), depth0)) != null ? stack1 : "")
    + "=\" + path + \": \" + why + \" (is the projected token volume of worker-identity.yaml mounted?)\", cause);\n    }\n  }\n\n  static WorkflowServiceStubs connect(TokenFile tokens) {\n    return WorkflowServiceStubs.newServiceStubs(\n        WorkflowServiceStubsOptions.newBuilder()\n            .setTarget(env(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":86,"column":49},"end":{"line":86,"column":53}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":86,"column":47},"end":{"line":86,"column":64}}})) != null ? stack1 : "")
    + "))\n            // "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":87,"column":15},"end":{"line":87,"column":148}}})) != null ? stack1 : "")
    + "\n            .setEnableHttps("
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":88,"column":28},"end":{"line":88,"column":71}}})) != null ? stack1 : "")
    + ")\n            .addApiKey(tokens::get)\n            .build());\n  }\n\n  public static void main(String[] args) {\n    TokenFile tokens = new TokenFile(env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":94,"column":44},"end":{"line":94,"column":57}} ), depth0)) != null ? stack1 : "")
    + "\", \""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":94,"column":65},"end":{"line":94,"column":79}} ), depth0)) != null ? stack1 : "")
    + "\"));\n    tokens.get(); // a missing or empty token file fails here, before connecting\n    WorkflowServiceStubs service = connect(tokens);\n    WorkflowClient client = WorkflowClient.newInstance(service,\n        WorkflowClientOptions.newBuilder().setNamespace(env(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":98,"column":84},"end":{"line":98,"column":88}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":98,"column":82},"end":{"line":98,"column":100}}})) != null ? stack1 : "")
    + ")).build());\n    WorkerFactory factory = WorkerFactory.newInstance(client);\n    Worker worker = factory.newWorker(env(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"));\n    // worker.registerWorkflowImplementationTypes(YourWorkflowImpl.class);\n    // worker.registerActivitiesImplementations(new YourActivitiesImpl());\n    factory.start();\n  }\n}\n";
},"useData":true},
  "snippets/java-worker": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS";
},"2":function(container,depth0,helpers,partials,data) {
    return "false";
},"3":function(container,depth0,helpers,partials,data) {
    return "true";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// Java SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":38},"end":{"line":1,"column":47}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":36},"end":{"line":1,"column":49}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker client "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":84},"end":{"line":1,"column":94}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":82},"end":{"line":1,"column":96}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"clientId") || alias1(depth0, "clientId", {"start":{"line":1,"column":100},"end":{"line":1,"column":108}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientId","hash":{},"data":data,"loc":{"start":{"line":1,"column":98},"end":{"line":1,"column":110}}}) : helper))) != null ? stack1 : "")
    + ").\n// Its Deployment reads the Secret render writes: envFrom: [{ secretRef: { name: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretName") || alias1(depth0, "secretName", {"start":{"line":2,"column":83},"end":{"line":2,"column":93}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretName","hash":{},"data":data,"loc":{"start":{"line":2,"column":81},"end":{"line":2,"column":95}}}) : helper))) != null ? stack1 : "")
    + " } }]\n// ("
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":3,"column":6},"end":{"line":3,"column":19}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":3,"column":25},"end":{"line":3,"column":42}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":3,"column":48},"end":{"line":3,"column":61}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":3,"column":67},"end":{"line":3,"column":80}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":3,"column":86},"end":{"line":3,"column":97}} ), depth0)) != null ? stack1 : "")
    + ").\n// addApiKey's supplier runs before every call: it sends the cached token (\"authorization: Bearer ...\")\n// and fetches a new one at 80% of its lifetime, so a long-running worker never sends an expired one.\nimport com.fasterxml.jackson.databind.JsonNode;\nimport com.fasterxml.jackson.databind.ObjectMapper;\nimport io.temporal.client.WorkflowClient;\nimport io.temporal.client.WorkflowClientOptions;\nimport io.temporal.serviceclient.WorkflowServiceStubs;\nimport io.temporal.serviceclient.WorkflowServiceStubsOptions;\nimport io.temporal.worker.Worker;\nimport io.temporal.worker.WorkerFactory;\nimport java.net.URI;\nimport java.net.URLEncoder;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\nimport java.nio.charset.StandardCharsets;\nimport java.time.Duration;\nimport java.time.Instant;\nimport java.util.Base64;\n\npublic final class TemporalWorker {\n  static String env(String name, String fallback) {\n    String value = System.getenv(name);\n    return value == null || value.isEmpty() ? fallback : value;\n  }\n\n  static String form(String value) {\n    return URLEncoder.encode(value, StandardCharsets.UTF_8);\n  }\n\n  /** Caches the access token; a new one at 80% of its lifetime. */\n  static final class TokenSource {\n    // Never follow a redirect: it would carry the client secret elsewhere.\n    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();\n    private String token;\n    private Instant renewAt = Instant.EPOCH;\n    private Instant expiresAt = Instant.EPOCH;\n\n    synchronized String get() {\n      Instant now = Instant.now();\n      if (token != null && now.isBefore(renewAt)) return token;\n      try {\n        fetch(now);\n      } catch (Exception e) {\n        if (token == null || !now.isBefore(expiresAt)) throw new IllegalStateException(\"cannot get an access token\", e);\n        System.err.println(\"token renewal failed, using the current token until it expires: \" + e);\n      }\n      return token;\n    }\n\n    private void fetch(Instant now) throws Exception {\n      String endpoint = env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":55,"column":31},"end":{"line":55,"column":44}} ), depth0)) != null ? stack1 : "")
    + "\", \"\");\n      if (!endpoint.startsWith(\"https://\")) throw new IllegalStateException(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":56,"column":79},"end":{"line":56,"column":92}} ), depth0)) != null ? stack1 : "")
    + " must be an https URL\");\n      StringBuilder body = new StringBuilder(\"grant_type=client_credentials\");\n      String scopes = env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":58,"column":29},"end":{"line":58,"column":40}} ), depth0)) != null ? stack1 : "")
    + "\", \"\");\n      if (!scopes.isEmpty()) body.append(\"&scope=\").append(form(scopes));\n      String audience = env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":60,"column":31},"end":{"line":60,"column":44}} ), depth0)) != null ? stack1 : "")
    + "\", \"\");\n      if (!audience.isEmpty()) body.append(\"&"
    + ((stack1 = (((helper = lookupProperty(helpers,"audienceParam") || alias1(depth0, "audienceParam", {"start":{"line":61,"column":47},"end":{"line":61,"column":60}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"audienceParam","hash":{},"data":data,"loc":{"start":{"line":61,"column":45},"end":{"line":61,"column":62}}}) : helper))) != null ? stack1 : "")
    + "=\").append(form(audience));\n      String basic = form(env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":62,"column":33},"end":{"line":62,"column":46}} ), depth0)) != null ? stack1 : "")
    + "\", \"\")) + \":\" + form(env(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":62,"column":76},"end":{"line":62,"column":93}} ), depth0)) != null ? stack1 : "")
    + "\", \"\"));\n      HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))\n          .timeout(Duration.ofSeconds(15))\n          .header(\"Content-Type\", \"application/x-www-form-urlencoded\")\n          .header(\"Authorization\", \"Basic \" + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))\n          .POST(HttpRequest.BodyPublishers.ofString(body.toString()))\n          .build();\n      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());\n      JsonNode answer = new ObjectMapper().readTree(response.body());\n      String accessToken = answer.path(\"access_token\").asText(\"\");\n      if (response.statusCode() != 200 || accessToken.isEmpty()) {\n        throw new IllegalStateException(\"the token endpoint refused the client_credentials grant (HTTP \" + response.statusCode() + \")\");\n      }\n      long lifetime = answer.path(\"expires_in\").asLong(0);\n      if (lifetime <= 0) lifetime = 300; // no expires_in: renew often\n      token = accessToken;\n      renewAt = now.plusSeconds(lifetime * 4 / 5);\n      expiresAt = now.plusSeconds(lifetime);\n    }\n  }\n\n  public static void main(String[] args) {\n    TokenSource tokens = new TokenSource();\n    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(\n        WorkflowServiceStubsOptions.newBuilder()\n            .setTarget(env(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":87,"column":49},"end":{"line":87,"column":53}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":87,"column":47},"end":{"line":87,"column":64}}})) != null ? stack1 : "")
    + "))\n            // "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":88,"column":15},"end":{"line":88,"column":148}}})) != null ? stack1 : "")
    + "\n            .setEnableHttps("
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":89,"column":28},"end":{"line":89,"column":71}}})) != null ? stack1 : "")
    + ")\n            .addApiKey(tokens::get)\n            .build());\n    WorkflowClient client = WorkflowClient.newInstance(service,\n        WorkflowClientOptions.newBuilder().setNamespace(env(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":93,"column":84},"end":{"line":93,"column":88}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":93,"column":82},"end":{"line":93,"column":100}}})) != null ? stack1 : "")
    + ")).build());\n    WorkerFactory factory = WorkerFactory.newInstance(client);\n    Worker worker = factory.newWorker(env(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"));\n    // worker.registerWorkflowImplementationTypes(YourWorkflowImpl.class);\n    // worker.registerActivitiesImplementations(new YourActivitiesImpl());\n    factory.start();\n  }\n}\n";
},"useData":true},
  "snippets/python-worker-service-account": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"2":function(container,depth0,helpers,partials,data) {
    return "False";
},"3":function(container,depth0,helpers,partials,data) {
    return "True";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "# Python SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":39},"end":{"line":1,"column":48}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":37},"end":{"line":1,"column":50}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":78},"end":{"line":1,"column":88}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":76},"end":{"line":1,"column":90}}}) : helper))) != null ? stack1 : "")
    + " by its Kubernetes\n# service account "
    + ((stack1 = (((helper = lookupProperty(helpers,"serviceAccount") || alias1(depth0, "serviceAccount", {"start":{"line":2,"column":20},"end":{"line":2,"column":34}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"serviceAccount","hash":{},"data":data,"loc":{"start":{"line":2,"column":18},"end":{"line":2,"column":36}}}) : helper))) != null ? stack1 : "")
    + " (token subject "
    + ((stack1 = (((helper = lookupProperty(helpers,"subject") || alias1(depth0, "subject", {"start":{"line":2,"column":54},"end":{"line":2,"column":61}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"subject","hash":{},"data":data,"loc":{"start":{"line":2,"column":52},"end":{"line":2,"column":63}}}) : helper))) != null ? stack1 : "")
    + "): no client ID, no client secret.\n# Grants: "
    + ((stack1 = (((helper = lookupProperty(helpers,"grants") || alias1(depth0, "grants", {"start":{"line":3,"column":12},"end":{"line":3,"column":18}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"grants","hash":{},"data":data,"loc":{"start":{"line":3,"column":10},"end":{"line":3,"column":20}}}) : helper))) != null ? stack1 : "")
    + ".\n# worker-identity.yaml gives Deployment "
    + ((stack1 = (((helper = lookupProperty(helpers,"deployment") || alias1(depth0, "deployment", {"start":{"line":4,"column":42},"end":{"line":4,"column":52}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"deployment","hash":{},"data":data,"loc":{"start":{"line":4,"column":40},"end":{"line":4,"column":54}}}) : helper))) != null ? stack1 : "")
    + " (container "
    + ((stack1 = (((helper = lookupProperty(helpers,"container") || alias1(depth0, "container", {"start":{"line":4,"column":68},"end":{"line":4,"column":77}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"container","hash":{},"data":data,"loc":{"start":{"line":4,"column":66},"end":{"line":4,"column":79}}}) : helper))) != null ? stack1 : "")
    + ") the service account and a\n# projected token, with "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":5,"column":26},"end":{"line":5,"column":39}} ), depth0)) != null ? stack1 : "")
    + "="
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":5,"column":44},"end":{"line":5,"column":58}} ), depth0)) != null ? stack1 : "")
    + " in the container's env.\n# The kubelet rewrites that file before the token expires (an atomic symlink swap). The token goes out as the\n# API key (\"authorization: Bearer ...\"); the SDK takes a new one only by `client.api_key = ...`, so a task\n# checks the file every "
    + ((stack1 = (((helper = lookupProperty(helpers,"pollSeconds") || alias1(depth0, "pollSeconds", {"start":{"line":8,"column":26},"end":{"line":8,"column":37}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"pollSeconds","hash":{},"data":data,"loc":{"start":{"line":8,"column":24},"end":{"line":8,"column":39}}}) : helper))) != null ? stack1 : "")
    + " s (a stat), re-reads it when the stat shows another file, size or mtime,\n# and at least every "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":9,"column":23},"end":{"line":9,"column":36}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":9,"column":21},"end":{"line":9,"column":38}}}) : helper))) != null ? stack1 : "")
    + " s, and passes a new token on: the worker picks it up without a restart.\nimport asyncio\nimport os\nimport sys\nimport time\n\nfrom temporalio.client import Client\nfrom temporalio.worker import Worker\n\nTOKEN_FILE_ENV = \""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":18,"column":20},"end":{"line":18,"column":33}} ), depth0)) != null ? stack1 : "")
    + "\"\nDEFAULT_TOKEN_FILE = \""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":19,"column":24},"end":{"line":19,"column":38}} ), depth0)) != null ? stack1 : "")
    + "\"\n# The largest token the server accepts: a larger file holds no token.\nMAX_TOKEN_BYTES = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxTokenBytes") || alias1(depth0, "maxTokenBytes", {"start":{"line":21,"column":20},"end":{"line":21,"column":33}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxTokenBytes","hash":{},"data":data,"loc":{"start":{"line":21,"column":18},"end":{"line":21,"column":35}}}) : helper))) != null ? stack1 : "")
    + "\n# The kubelet swaps in a new token at 80% of its lifetime (600 s at least), so the old one stays\n# valid 120 s or more: re-reading at least this often picks up a swap a stat could miss in time.\nMAX_TOKEN_AGE_SECONDS = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":24,"column":26},"end":{"line":24,"column":39}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":24,"column":24},"end":{"line":24,"column":41}}}) : helper))) != null ? stack1 : "")
    + "\nPOLL_SECONDS = "
    + ((stack1 = (((helper = lookupProperty(helpers,"pollSeconds") || alias1(depth0, "pollSeconds", {"start":{"line":25,"column":17},"end":{"line":25,"column":28}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"pollSeconds","hash":{},"data":data,"loc":{"start":{"line":25,"column":15},"end":{"line":25,"column":30}}}) : helper))) != null ? stack1 : "")
    + "\n\n\nclass TokenFile:\n    \"\"\"The token last read from the file; current() re-reads it when the file changes.\"\"\"\n\n    def __init__(self, path: str | None = None) -> None:\n        self.path = path or os.environ.get(TOKEN_FILE_ENV) or DEFAULT_TOKEN_FILE\n        self._token = \"\"\n        self._stat: tuple[int, int, int, int] | None = None\n        self._read_at = 0.0\n\n    def current(self) -> str:\n        try:\n            # os.stat follows the symlink the kubelet swaps: a new token is another file.\n            st = os.stat(self.path)\n            stat = (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)\n            now = time.monotonic()\n            if self._token and stat == self._stat and now - self._read_at < MAX_TOKEN_AGE_SECONDS:\n                return self._token\n            with open(self.path, \"rb\") as file:\n                data = file.read(MAX_TOKEN_BYTES + 1)\n        except OSError as err:\n            raise self._fail(str(err)) from err\n        if len(data) > MAX_TOKEN_BYTES:\n            raise self._fail(f\"larger than {MAX_TOKEN_BYTES} bytes\")\n        token = data.decode(\"utf-8\", errors=\"replace\").strip()\n        if not token:\n            raise self._fail(\"the file is empty\")\n        self._token, self._stat, self._read_at = token, stat, now\n        return token\n\n    def _fail(self, why: str) -> RuntimeError:\n        return RuntimeError(\n            f\"no service-account token in {TOKEN_FILE_ENV}={self.path}: {why}\"\n            \" (is the projected token volume of worker-identity.yaml mounted?)\"\n        )\n\n\nasync def follow_token_file(client: Client, tokens: TokenFile) -> None:\n    while True:\n        await asyncio.sleep(POLL_SECONDS)\n        try:\n            token = tokens.current()\n        except RuntimeError as err:  # the current token stays until it expires\n            print(err, file=sys.stderr)\n            continue\n        if token != client.api_key:\n            client.api_key = token\n\n\nasync def connect(tokens: TokenFile) -> Client:\n    return await Client.connect(\n        os.environ.get(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":78,"column":45},"end":{"line":78,"column":49}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":78,"column":43},"end":{"line":78,"column":60}}})) != null ? stack1 : "")
    + "),\n        namespace=os.environ.get(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":79,"column":57},"end":{"line":79,"column":61}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":79,"column":55},"end":{"line":79,"column":73}}})) != null ? stack1 : "")
    + "),\n        # A missing or empty token file fails here, before connecting.\n        api_key=tokens.current(),\n        # An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":82,"column":46},"end":{"line":82,"column":181}}})) != null ? stack1 : "")
    + "\n        tls="
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":83,"column":12},"end":{"line":83,"column":55}}})) != null ? stack1 : "")
    + ",\n    )\n\n\nasync def main() -> None:\n    tokens = TokenFile()\n    client = await connect(tokens)\n    following = asyncio.create_task(follow_token_file(client, tokens))\n    worker = Worker(\n        client,\n        task_queue=os.environ.get(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"),\n        workflows=[],  # your workflow classes\n        activities=[],  # your activity functions\n    )\n    try:\n        await worker.run()\n    finally:\n        following.cancel()\n\n\nif __name__ == \"__main__\":\n    asyncio.run(main())\n";
},"useData":true},
  "snippets/python-worker": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"2":function(container,depth0,helpers,partials,data) {
    return "False";
},"3":function(container,depth0,helpers,partials,data) {
    return "True";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "# Python SDK: a worker for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":39},"end":{"line":1,"column":48}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":37},"end":{"line":1,"column":50}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker client "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":85},"end":{"line":1,"column":95}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":83},"end":{"line":1,"column":97}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"clientId") || alias1(depth0, "clientId", {"start":{"line":1,"column":101},"end":{"line":1,"column":109}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientId","hash":{},"data":data,"loc":{"start":{"line":1,"column":99},"end":{"line":1,"column":111}}}) : helper))) != null ? stack1 : "")
    + ").\n# Its Deployment reads the Secret render writes: envFrom: [{ secretRef: { name: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretName") || alias1(depth0, "secretName", {"start":{"line":2,"column":82},"end":{"line":2,"column":92}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretName","hash":{},"data":data,"loc":{"start":{"line":2,"column":80},"end":{"line":2,"column":94}}}) : helper))) != null ? stack1 : "")
    + " } }]\n# ("
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":3,"column":5},"end":{"line":3,"column":18}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":3,"column":24},"end":{"line":3,"column":41}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":3,"column":47},"end":{"line":3,"column":60}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":3,"column":66},"end":{"line":3,"column":79}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":3,"column":85},"end":{"line":3,"column":96}} ), depth0)) != null ? stack1 : "")
    + ").\n# A token comes from the client_credentials grant and goes out as the API key (\"authorization: Bearer ...\");\n# a task renews it at 80% of its lifetime (client.api_key = ...), so a long-running worker never sends an expired one.\nimport asyncio\nimport base64\nimport json\nimport os\nimport urllib.parse\nimport urllib.request\nfrom http.client import HTTPMessage\nfrom typing import IO\n\nfrom temporalio.client import Client\nfrom temporalio.worker import Worker\n\n\nclass _NoRedirect(urllib.request.HTTPRedirectHandler):\n    # Never follow a redirect: it would carry the client secret elsewhere.\n    def redirect_request(\n        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str\n    ) -> urllib.request.Request | None:\n        return None\n\n\ndef fetch_token() -> tuple[str, float]:\n    endpoint = os.environ.get(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":28,"column":33},"end":{"line":28,"column":46}} ), depth0)) != null ? stack1 : "")
    + "\", \"\")\n    if not endpoint.startswith(\"https://\"):\n        raise RuntimeError(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":30,"column":30},"end":{"line":30,"column":43}} ), depth0)) != null ? stack1 : "")
    + " must be an https URL\")\n    form = {\"grant_type\": \"client_credentials\"}\n    if os.environ.get(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":32,"column":25},"end":{"line":32,"column":36}} ), depth0)) != null ? stack1 : "")
    + "\"):\n        form[\"scope\"] = os.environ[\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":33,"column":38},"end":{"line":33,"column":49}} ), depth0)) != null ? stack1 : "")
    + "\"]\n    if os.environ.get(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":34,"column":25},"end":{"line":34,"column":38}} ), depth0)) != null ? stack1 : "")
    + "\"):\n        form[\""
    + ((stack1 = (((helper = lookupProperty(helpers,"audienceParam") || alias1(depth0, "audienceParam", {"start":{"line":35,"column":16},"end":{"line":35,"column":29}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"audienceParam","hash":{},"data":data,"loc":{"start":{"line":35,"column":14},"end":{"line":35,"column":31}}}) : helper))) != null ? stack1 : "")
    + "\"] = os.environ[\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":35,"column":50},"end":{"line":35,"column":63}} ), depth0)) != null ? stack1 : "")
    + "\"]\n    client_id = urllib.parse.quote_plus(os.environ.get(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":36,"column":58},"end":{"line":36,"column":71}} ), depth0)) != null ? stack1 : "")
    + "\", \"\"))\n    client_secret = urllib.parse.quote_plus(os.environ.get(\""
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":37,"column":62},"end":{"line":37,"column":79}} ), depth0)) != null ? stack1 : "")
    + "\", \"\"))\n    basic = base64.b64encode(f\"{client_id}:{client_secret}\".encode()).decode()\n    request = urllib.request.Request(\n        endpoint,\n        data=urllib.parse.urlencode(form).encode(),\n        method=\"POST\",\n        headers={\"Content-Type\": \"application/x-www-form-urlencoded\", \"Authorization\": f\"Basic {basic}\"},\n    )\n    with urllib.request.build_opener(_NoRedirect).open(request, timeout=15) as response:\n        body: dict[str, object] = json.load(response)\n    token = body.get(\"access_token\")\n    if not isinstance(token, str) or not token:\n        raise RuntimeError(\"the token endpoint answered without an access_token\")\n    lifetime = body.get(\"expires_in\")\n    return token, float(lifetime) if isinstance(lifetime, (int, float)) and lifetime > 0 else 300.0\n\n\nasync def keep_token_fresh(client: Client, lifetime: float) -> None:\n    while True:\n        await asyncio.sleep(lifetime * 0.8)\n        try:\n            token, lifetime = await asyncio.to_thread(fetch_token)\n            client.api_key = token\n        except Exception as err:  # keep the current token; try again in 10 s\n            print(\"token renewal failed, retrying in 10 s:\", err)\n            lifetime = 12.5\n\n\nasync def main() -> None:\n    token, lifetime = await asyncio.to_thread(fetch_token)\n    client = await Client.connect(\n        os.environ.get(\"TEMPORAL_ADDRESS\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":68,"column":45},"end":{"line":68,"column":49}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":68,"column":43},"end":{"line":68,"column":60}}})) != null ? stack1 : "")
    + "),\n        namespace=os.environ.get(\"TEMPORAL_NAMESPACE\", "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":69,"column":57},"end":{"line":69,"column":61}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":69,"column":55},"end":{"line":69,"column":73}}})) != null ? stack1 : "")
    + "),\n        api_key=token,\n        # An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":71,"column":46},"end":{"line":71,"column":181}}})) != null ? stack1 : "")
    + "\n        tls="
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":72,"column":12},"end":{"line":72,"column":55}}})) != null ? stack1 : "")
    + ",\n    )\n    renewal = asyncio.create_task(keep_token_fresh(client, lifetime))\n    worker = Worker(\n        client,\n        task_queue=os.environ.get(\"TEMPORAL_TASK_QUEUE\", \"your-task-queue\"),\n        workflows=[],  # your workflow classes\n        activities=[],  # your activity functions\n    )\n    try:\n        await worker.run()\n    finally:\n        renewal.cancel()\n\n\nif __name__ == \"__main__\":\n    asyncio.run(main())\n";
},"useData":true},
  "snippets/ts-worker-service-account": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"2":function(container,depth0,helpers,partials,data) {
    return "false";
},"3":function(container,depth0,helpers,partials,data) {
    return "true";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// TypeScript SDK: a connection for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":48},"end":{"line":1,"column":57}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":46},"end":{"line":1,"column":59}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":87},"end":{"line":1,"column":97}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":85},"end":{"line":1,"column":99}}}) : helper))) != null ? stack1 : "")
    + " by its Kubernetes\n// service account "
    + ((stack1 = (((helper = lookupProperty(helpers,"serviceAccount") || alias1(depth0, "serviceAccount", {"start":{"line":2,"column":21},"end":{"line":2,"column":35}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"serviceAccount","hash":{},"data":data,"loc":{"start":{"line":2,"column":19},"end":{"line":2,"column":37}}}) : helper))) != null ? stack1 : "")
    + " (token subject "
    + ((stack1 = (((helper = lookupProperty(helpers,"subject") || alias1(depth0, "subject", {"start":{"line":2,"column":55},"end":{"line":2,"column":62}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"subject","hash":{},"data":data,"loc":{"start":{"line":2,"column":53},"end":{"line":2,"column":64}}}) : helper))) != null ? stack1 : "")
    + "): no client ID, no client secret.\n// Grants: "
    + ((stack1 = (((helper = lookupProperty(helpers,"grants") || alias1(depth0, "grants", {"start":{"line":3,"column":13},"end":{"line":3,"column":19}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"grants","hash":{},"data":data,"loc":{"start":{"line":3,"column":11},"end":{"line":3,"column":21}}}) : helper))) != null ? stack1 : "")
    + ".\n// worker-identity.yaml gives Deployment "
    + ((stack1 = (((helper = lookupProperty(helpers,"deployment") || alias1(depth0, "deployment", {"start":{"line":4,"column":43},"end":{"line":4,"column":53}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"deployment","hash":{},"data":data,"loc":{"start":{"line":4,"column":41},"end":{"line":4,"column":55}}}) : helper))) != null ? stack1 : "")
    + " (container "
    + ((stack1 = (((helper = lookupProperty(helpers,"container") || alias1(depth0, "container", {"start":{"line":4,"column":69},"end":{"line":4,"column":78}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"container","hash":{},"data":data,"loc":{"start":{"line":4,"column":67},"end":{"line":4,"column":80}}}) : helper))) != null ? stack1 : "")
    + ") the service account and a\n// projected token, with "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":5,"column":27},"end":{"line":5,"column":40}} ), depth0)) != null ? stack1 : "")
    + "="
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":5,"column":45},"end":{"line":5,"column":59}} ), depth0)) != null ? stack1 : "")
    + " in the container's env.\n// The kubelet rewrites that file before the token expires (an atomic symlink swap): the connection's apiKey\n// callback runs before every call, sends \"authorization: Bearer <the file's token>\", and re-reads the file\n// when its stat shows another file, size or mtime, and at least every "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":8,"column":73},"end":{"line":8,"column":86}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":8,"column":71},"end":{"line":8,"column":88}}}) : helper))) != null ? stack1 : "")
    + " s, so the worker picks up\n// the new token without a restart.\nimport { closeSync, openSync, readSync, type Stats, statSync } from 'node:fs';\nimport { Client, Connection } from '@temporalio/client';\n\n// The largest token the server accepts: a larger file holds no token.\nconst MAX_TOKEN_BYTES = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxTokenBytes") || alias1(depth0, "maxTokenBytes", {"start":{"line":14,"column":26},"end":{"line":14,"column":39}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxTokenBytes","hash":{},"data":data,"loc":{"start":{"line":14,"column":24},"end":{"line":14,"column":41}}}) : helper))) != null ? stack1 : "")
    + ";\n// The kubelet swaps in a new token at 80% of its lifetime (600 s at least), so the old one stays\n// valid 120 s or more: re-reading at least this often picks up a swap a stat could miss in time.\nconst MAX_TOKEN_AGE_MS = "
    + ((stack1 = (((helper = lookupProperty(helpers,"maxAgeSeconds") || alias1(depth0, "maxAgeSeconds", {"start":{"line":17,"column":27},"end":{"line":17,"column":40}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"maxAgeSeconds","hash":{},"data":data,"loc":{"start":{"line":17,"column":25},"end":{"line":17,"column":42}}}) : helper))) != null ? stack1 : "")
    + "_000;\n\n/** The token last read from the file; current() re-reads it when the file changes. */\nexport class TokenFile {\n  private token = '';\n  private stat: Stats | undefined;\n  private readAt = 0;\n\n  constructor(readonly path = process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":25,"column":44},"end":{"line":25,"column":57}} ), depth0)) != null ? stack1 : "")
    + " || '"
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "path", {"start":{"line":25,"column":66},"end":{"line":25,"column":80}} ), depth0)) != null ? stack1 : "")
    + "') {}\n\n  current(): string {\n    // statSync follows the symlink the kubelet swaps: a new token is another file.\n    const stat = this.attempt(() => statSync(this.path));\n    const prev = this.stat;\n    if (this.token && prev && stat.ino === prev.ino && stat.dev === prev.dev && stat.mtimeMs === prev.mtimeMs && stat.size === prev.size && Date.now() - this.readAt < MAX_TOKEN_AGE_MS) {\n      return this.token;\n    }\n    const token = this.attempt(() => {\n      const fd = openSync(this.path, 'r');\n      try {\n        const buf = Buffer.alloc(MAX_TOKEN_BYTES + 1);\n        let length = 0;\n        while (length < buf.length) {\n          const n = readSync(fd, buf, length, buf.length - length, null);\n          if (n === 0) break;\n          length += n;\n        }\n        if (length > MAX_TOKEN_BYTES) throw new Error(`larger than ${MAX_TOKEN_BYTES} bytes`);\n        const text = buf.toString('utf8', 0, length).trim();\n        if (!text) throw new Error('the file is empty');\n        return text;\n      } finally {\n        closeSync(fd);\n      }\n    });\n    this.token = token;\n    this.stat = stat;\n    this.readAt = Date.now();\n    return token;\n  }\n\n  private attempt<T>(fn: () => T): T {\n    try {\n      return fn();\n    } catch (err) {\n      const why = err instanceof Error ? err.message : String(err);\n      throw new Error(`no service-account token in "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"tokenFile"), "env", {"start":{"line":63,"column":53},"end":{"line":63,"column":66}} ), depth0)) != null ? stack1 : "")
    + "=${this.path}: ${why} (is the projected token volume of worker-identity.yaml mounted?)`);\n    }\n  }\n}\n\nexport async function connect(tokens = new TokenFile()): Promise<Client> {\n  tokens.current(); // a missing or empty token file fails here, before connecting\n  const connection = await Connection.connect({\n    address: process.env.TEMPORAL_ADDRESS ?? "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":71,"column":47},"end":{"line":71,"column":51}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":71,"column":45},"end":{"line":71,"column":62}}})) != null ? stack1 : "")
    + ",\n    // An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":72,"column":43},"end":{"line":72,"column":178}}})) != null ? stack1 : "")
    + "\n    tls: "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":73,"column":9},"end":{"line":73,"column":52}}})) != null ? stack1 : "")
    + ",\n    // Called before every call.\n    apiKey: () => tokens.current(),\n  });\n  return new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":77,"column":81},"end":{"line":77,"column":85}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":77,"column":79},"end":{"line":77,"column":97}}})) != null ? stack1 : "")
    + " });\n}\n\n// A Worker (@temporalio/worker) connects with NativeConnection, which takes the same address and\n// tls options and a string apiKey; check the file every "
    + ((stack1 = (((helper = lookupProperty(helpers,"pollSeconds") || alias1(depth0, "pollSeconds", {"start":{"line":81,"column":59},"end":{"line":81,"column":70}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"pollSeconds","hash":{},"data":data,"loc":{"start":{"line":81,"column":57},"end":{"line":81,"column":72}}}) : helper))) != null ? stack1 : "")
    + " s (a stat) and pass a new token on:\n//   const tokens = new TokenFile();\n//   let apiKey = tokens.current();\n//   const native = await NativeConnection.connect({ address, tls: "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":84,"column":67},"end":{"line":84,"column":110}}})) != null ? stack1 : "")
    + ", apiKey });\n//   setInterval(() => {\n//     try {\n//       const next = tokens.current();\n//       if (next !== apiKey) {\n//         apiKey = next;\n//         native.setApiKey(next).catch((err: unknown) => console.error(err));\n//       }\n//     } catch (err) {\n//       console.error(err); // the current token stays until it expires\n//     }\n//   }, "
    + ((stack1 = (((helper = lookupProperty(helpers,"pollSeconds") || alias1(depth0, "pollSeconds", {"start":{"line":95,"column":10},"end":{"line":95,"column":21}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"pollSeconds","hash":{},"data":data,"loc":{"start":{"line":95,"column":8},"end":{"line":95,"column":23}}}) : helper))) != null ? stack1 : "")
    + "_000).unref();\n//   const worker = await Worker.create({ connection: native, namespace: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":96,"column":75},"end":{"line":96,"column":79}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":96,"column":73},"end":{"line":96,"column":91}}})) != null ? stack1 : "")
    + ", taskQueue: 'your-task-queue', workflowsPath: require.resolve('./workflows') });\n//   await worker.run();\n";
},"useData":true},
  "snippets/ts-worker": {"0":function(container,depth0,helpers,partials,data) {
    return "the chart's frontend serves plaintext gRPC unless your values configure TLS.";
},"1":function(container,depth0,helpers,partials,data) {
    return "your frontend serves TLS.";
},"2":function(container,depth0,helpers,partials,data) {
    return "false";
},"3":function(container,depth0,helpers,partials,data) {
    return "true";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, helper, alias1=container.strict, alias2=depth0 != null ? depth0 : (container.nullContext || {}), alias3="function", alias4=container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "// TypeScript SDK: a connection for namespace "
    + ((stack1 = (((helper = lookupProperty(helpers,"namespace") || alias1(depth0, "namespace", {"start":{"line":1,"column":48},"end":{"line":1,"column":57}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"namespace","hash":{},"data":data,"loc":{"start":{"line":1,"column":46},"end":{"line":1,"column":59}}}) : helper))) != null ? stack1 : "")
    + ", authenticated as worker client "
    + ((stack1 = (((helper = lookupProperty(helpers,"clientName") || alias1(depth0, "clientName", {"start":{"line":1,"column":94},"end":{"line":1,"column":104}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientName","hash":{},"data":data,"loc":{"start":{"line":1,"column":92},"end":{"line":1,"column":106}}}) : helper))) != null ? stack1 : "")
    + " ("
    + ((stack1 = (((helper = lookupProperty(helpers,"clientId") || alias1(depth0, "clientId", {"start":{"line":1,"column":110},"end":{"line":1,"column":118}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"clientId","hash":{},"data":data,"loc":{"start":{"line":1,"column":108},"end":{"line":1,"column":120}}}) : helper))) != null ? stack1 : "")
    + ").\n// Its Deployment reads the Secret render writes: envFrom: [{ secretRef: { name: "
    + ((stack1 = (((helper = lookupProperty(helpers,"secretName") || alias1(depth0, "secretName", {"start":{"line":2,"column":83},"end":{"line":2,"column":93}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"secretName","hash":{},"data":data,"loc":{"start":{"line":2,"column":81},"end":{"line":2,"column":95}}}) : helper))) != null ? stack1 : "")
    + " } }]\n// ("
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":3,"column":6},"end":{"line":3,"column":19}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":3,"column":25},"end":{"line":3,"column":42}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":3,"column":48},"end":{"line":3,"column":61}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":3,"column":67},"end":{"line":3,"column":80}} ), depth0)) != null ? stack1 : "")
    + ", "
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":3,"column":86},"end":{"line":3,"column":97}} ), depth0)) != null ? stack1 : "")
    + ").\n// A token comes from the client_credentials grant, goes out as the API key (\"authorization: Bearer ...\"),\n// and is renewed at 80% of its lifetime with setApiKey(), so a long-running worker never sends an expired one.\nimport { Client, Connection } from '@temporalio/client';\n\nasync function fetchToken(): Promise<{ token: string; lifetimeMs: number }> {\n  const endpoint = process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":9,"column":33},"end":{"line":9,"column":46}} ), depth0)) != null ? stack1 : "")
    + " ?? '';\n  if (!endpoint.startsWith('https://')) throw new Error('"
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "tokenUrl", {"start":{"line":10,"column":59},"end":{"line":10,"column":72}} ), depth0)) != null ? stack1 : "")
    + " must be an https URL');\n  const form = new URLSearchParams({ grant_type: 'client_credentials' });\n  const scopes = process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "scopes", {"start":{"line":12,"column":31},"end":{"line":12,"column":42}} ), depth0)) != null ? stack1 : "")
    + ";\n  if (scopes) form.set('scope', scopes);\n  const audience = process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "audience", {"start":{"line":14,"column":33},"end":{"line":14,"column":46}} ), depth0)) != null ? stack1 : "")
    + ";\n  if (audience) form.set('"
    + ((stack1 = (((helper = lookupProperty(helpers,"audienceParam") || alias1(depth0, "audienceParam", {"start":{"line":15,"column":28},"end":{"line":15,"column":41}} ))),(typeof helper === alias3 ? helper.call(alias2,{"name":"audienceParam","hash":{},"data":data,"loc":{"start":{"line":15,"column":26},"end":{"line":15,"column":43}}}) : helper))) != null ? stack1 : "")
    + "', audience);\n  const id = encodeURIComponent(process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientId", {"start":{"line":16,"column":46},"end":{"line":16,"column":59}} ), depth0)) != null ? stack1 : "")
    + " ?? '');\n  const secret = encodeURIComponent(process.env."
    + ((stack1 = alias4(alias1(lookupProperty(depth0,"keys"), "clientSecret", {"start":{"line":17,"column":50},"end":{"line":17,"column":67}} ), depth0)) != null ? stack1 : "")
    + " ?? '');\n  const res = await fetch(endpoint, {\n    method: 'POST',\n    redirect: 'error', // a redirect would carry the client secret elsewhere\n    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },\n    body: form,\n    signal: AbortSignal.timeout(15_000),\n  });\n  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };\n  if (!res.ok || typeof body.access_token !== 'string') throw new Error(`the token endpoint refused the client_credentials grant (HTTP ${res.status})`);\n  const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 5 * 60_000;\n  return { token: body.access_token, lifetimeMs };\n}\n\n/** The first token now; then a new one at 80% of each token's lifetime (every 10 s after a failure), passed to onToken. */\nasync function keepTokenFresh(onToken: (token: string) => void): Promise<string> {\n  const first = await fetchToken();\n  const renewIn = (ms: number): void => {\n    setTimeout(() => {\n      fetchToken().then(\n        (next) => (onToken(next.token), renewIn(next.lifetimeMs * 0.8)),\n        (err: unknown) => (console.error('token renewal failed, retrying in 10 s:', err), renewIn(10_000)),\n      );\n    }, ms).unref();\n  };\n  renewIn(first.lifetimeMs * 0.8);\n  return first.token;\n}\n\nexport async function connect(): Promise<Client> {\n  let connection: Connection | undefined;\n  const apiKey = await keepTokenFresh((token) => connection?.setApiKey(token));\n  connection = await Connection.connect({\n    address: process.env.TEMPORAL_ADDRESS ?? "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":50,"column":47},"end":{"line":50,"column":51}} )).call(alias2,lookupProperty(depth0,"hostPort"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":50,"column":45},"end":{"line":50,"column":62}}})) != null ? stack1 : "")
    + ",\n    // An API key turns TLS on in the SDK; "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":51,"column":43},"end":{"line":51,"column":178}}})) != null ? stack1 : "")
    + "\n    tls: "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":52,"column":9},"end":{"line":52,"column":52}}})) != null ? stack1 : "")
    + ",\n    apiKey,\n  });\n  return new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":55,"column":81},"end":{"line":55,"column":85}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":55,"column":79},"end":{"line":55,"column":97}}})) != null ? stack1 : "")
    + " });\n}\n\n// A Worker (@temporalio/worker) connects the same way: NativeConnection takes the same\n// address, tls and apiKey options and has the same setApiKey():\n//   let native: NativeConnection | undefined;\n//   const apiKey = await keepTokenFresh((token) => native?.setApiKey(token));\n//   native = await NativeConnection.connect({ address, tls: "
    + ((stack1 = lookupProperty(helpers,"if").call(alias2,lookupProperty(depth0,"tlsDisabled"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.program(3, data, 0),"data":data,"loc":{"start":{"line":62,"column":61},"end":{"line":62,"column":104}}})) != null ? stack1 : "")
    + ", apiKey });\n//   const worker = await Worker.create({ connection: native, namespace: "
    + ((stack1 = (lookupProperty(helpers,"json")||alias1(depth0, "json", {"start":{"line":63,"column":75},"end":{"line":63,"column":79}} )).call(alias2,lookupProperty(depth0,"namespace"),{"name":"json","hash":{},"data":data,"loc":{"start":{"line":63,"column":73},"end":{"line":63,"column":91}}})) != null ? stack1 : "")
    + ", taskQueue: 'your-task-queue', workflowsPath: require.resolve('./workflows') });\n//   await worker.run();\n";
},"useData":true},
};
