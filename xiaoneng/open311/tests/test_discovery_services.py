"""discovery, services and service definitions, in both formats."""

from xiaoneng.open311.tests.helpers import Open311TestCase, json_of, xml_of


class DiscoveryTests(Open311TestCase):
    def test_json_names_the_endpoint_and_formats(self):
        body = json_of(self.get("discovery.json"))
        endpoint = body["endpoints"][0]
        self.assertEqual(endpoint["url"], "http://testserver/open311/v2")
        self.assertEqual(endpoint["formats"], ["text/xml", "application/json"])
        self.assertEqual(endpoint["specification"], "http://wiki.open311.org/GeoReport_v2")

    def test_xml_element_names(self):
        root = xml_of(self.get("discovery.xml"))
        self.assertEqual(root.tag, "discovery")
        self.assertEqual([f.text for f in root.findall("endpoints/endpoint/formats/format")],
                         ["text/xml", "application/json"])
        self.assertIsNotNone(root.find("changeset"))
        self.assertIsNotNone(root.find("key_service"))


class ServiceListTests(Open311TestCase):
    def test_json_lists_every_category_in_chinese(self):
        body = json_of(self.get("services.json"))
        self.assertEqual([s["service_code"] for s in body],
                         ["inaction", "slow", "misconduct", "extortion", "fees", "attitude", "discipline",
                          "other"])
        slow = body[1]
        self.assertEqual(slow["service_name"], "慢作为")
        self.assertEqual(slow["group"], "效能投诉")
        self.assertIs(slow["metadata"], True)
        self.assertEqual(slow["type"], "realtime")

    def test_xml_element_names(self):
        root = xml_of(self.get("services.xml"))
        self.assertEqual(root.tag, "services")
        services = root.findall("service")
        self.assertEqual(len(services), 8)
        self.assertEqual([child.tag for child in services[0]],
                         ["service_code", "service_name", "description", "metadata", "type", "keywords",
                          "group"])
        self.assertEqual(services[3].findtext("service_name"), "吃拿卡要")
        self.assertEqual(services[3].findtext("metadata"), "true")

    def test_open_to_anyone_from_any_origin(self):
        response = self.get("services.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")


class ServiceDefinitionTests(Open311TestCase):
    def test_json_scope_is_a_required_list(self):
        body = json_of(self.get("services/fees.json"))
        self.assertEqual(body["service_code"], "fees")
        scope = body["attributes"][0]
        self.assertEqual((scope["code"], scope["datatype"], scope["required"]),
                         ("scope", "singlevaluelist", True))
        self.assertEqual({v["key"]: v["name"] for v in scope["values"]}["approval"], "行政审批")
        self.assertEqual([a["code"] for a in body["attributes"]], ["scope", "accused_unit", "occurred_on"])

    def test_xml_element_names(self):
        root = xml_of(self.get("services/fees.xml"))
        self.assertEqual(root.tag, "service_definition")
        attribute = root.find("attributes/attribute")
        self.assertEqual([child.tag for child in attribute],
                         ["variable", "code", "datatype", "required", "datatype_description", "order",
                          "description", "values"])
        self.assertEqual([v.findtext("key") for v in attribute.findall("values/value")],
                         ["judicial", "enforcement", "approval", "public_service"])

    def test_unknown_service_is_404_in_json(self):
        response = self.get("services/potholes.json")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(json_of(response)[0]["code"], 404)

    def test_unknown_service_is_404_in_xml(self):
        response = self.get("services/potholes.xml")
        self.assertEqual(response.status_code, 404)
        root = xml_of(response)
        self.assertEqual(root.tag, "errors")
        self.assertEqual(root.findtext("error/code"), "404")
        self.assertTrue(root.findtext("error/description"))


class UnknownEndpointTests(Open311TestCase):
    def test_unknown_path_answers_in_open311_errors(self):
        self.assertEqual(xml_of(self.get("nothing.xml")).findtext("error/code"), "404")
        self.assertEqual(json_of(self.get("requests"))[0]["code"], 404)

    def test_head_is_a_read(self):
        self.assertEqual(self.client.head("/open311/v2/services.xml").status_code, 200)

    def test_wrong_method_is_405(self):
        response = self.client.delete("/open311/v2/services.json")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET")
        self.assertEqual(json_of(response)[0]["code"], 405)
